using System.Runtime.Versioning;

// The embedded server and these tests need a Unix system (file modes, runuser, pg_ctl).
[assembly: SupportedOSPlatform("linux")]

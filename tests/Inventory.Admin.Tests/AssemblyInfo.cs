using System.Runtime.Versioning;

// The embedded PostgreSQL server needs a Unix system (file modes, runuser, pg_ctl).
[assembly: SupportedOSPlatform("linux")]

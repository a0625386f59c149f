using System.Runtime.Versioning;

// The embedded PostgreSQL server, file modes and runuser need a Unix system.
[assembly: UnsupportedOSPlatform("windows")]

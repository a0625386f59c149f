using System.Runtime.Versioning;

// The embedded PostgreSQL server and Debian's Chromium: Linux only.
[assembly: SupportedOSPlatform("linux")]

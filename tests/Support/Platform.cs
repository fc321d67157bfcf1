// These tests drive Linux processes, /proc and file modes: they run on Linux only, as the harness's services do.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

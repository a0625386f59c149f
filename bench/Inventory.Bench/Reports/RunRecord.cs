using Inventory.Bench.Load;
using Inventory.Bench.Profiling;

namespace Inventory.Bench.Reports;

/// <summary>One measured run with what the database counted meanwhile (and, for the actors, the group commits).</summary>
public sealed record RunRecord(RunMeasurement Measurement, DatabaseCounters Database, GroupCommitStats? Batches, StatementProfile Statements, CpuUse Cpu);

namespace Juicebox.Bench.Reporting;

/// <summary>One line of the results table: a measure, its ceiling from the same run, and the goal if the figure has one.</summary>
public sealed record FigureRow(string Figure, string Measure, string Measured, string Ceiling, string Ratio, string Goal, string Verdict);

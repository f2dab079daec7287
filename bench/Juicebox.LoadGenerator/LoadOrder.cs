namespace Juicebox.LoadGenerator;

/// <summary>How a worker picks the next id of a <see cref="LoadPlan"/>.</summary>
public enum LoadOrder
{
    /// <summary>
    /// Ids in file order, each requested exactly once by all workers together; the run ends when the
    /// last id was requested (or earlier, at <see cref="LoadPlan.Requests"/> or <see cref="LoadPlan.DurationSeconds"/>).
    /// </summary>
    Sequential,

    /// <summary>Every id equally likely; worker <c>i</c> draws from a generator seeded with <c>Seed + i</c>.</summary>
    Uniform,

    /// <summary>
    /// Id of rank <c>k</c> (the k-th line of the file) with probability proportional to <c>1 / k^ZipfExponent</c>;
    /// seeded like <see cref="Uniform"/>.
    /// </summary>
    Zipf,
}

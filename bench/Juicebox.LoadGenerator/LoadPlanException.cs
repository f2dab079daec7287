namespace Juicebox.LoadGenerator;

/// <summary>A plan that cannot run: invalid settings, an unreadable plan or ids file. The message says which.</summary>
public sealed class LoadPlanException : Exception
{
    public LoadPlanException(string message)
        : base(message)
    {
    }

    public LoadPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

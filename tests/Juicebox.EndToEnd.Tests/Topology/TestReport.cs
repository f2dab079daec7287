namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>Figures a test measured, for the test's output and the test platform's diagnostics.</summary>
public static class TestReport
{
    public static void Write(string text)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        TestContext.Current.SendDiagnosticMessage(text);
    }
}

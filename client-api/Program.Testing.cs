// Lets WebApplicationFactory<Program> in the tests find this host's entry point.
public partial class Program;

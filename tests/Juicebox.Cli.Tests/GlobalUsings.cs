global using Juicebox.Testing;

using Orleans.Configuration;

namespace Juicebox.Grains.Hosting.Shutdown;

/// <summary>
/// Follows a silo's stop through Orleans' lifecycle so that a stop cut short by the deadline names
/// what it left undone: grains not deactivated (state not written), or the membership table not
/// updated (the silo's row stays until its peers declare it dead).
/// </summary>
internal sealed class SiloShutdownSteps(ShutdownProgress progress, ISiloStatusOracle membership) : ILifecycleParticipant<ISiloLifecycle>
{
    private const string GrainsStep = "1-grains";
    private const string MembershipStep = "2-membership";

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);

        // Stops run from the highest stage down: Active, BecomeActive (status ShuttingDown),
        // GrainDeactivation (every activation deactivates), ..., RuntimeInitialize + 1 (status Dead).
        lifecycle.Subscribe(nameof(SiloShutdownSteps), ServiceLifecycleStage.Active, Noop, _ =>
        {
            progress.BeginStopping();
            progress.Begin(MembershipStep, "membership table not updated (this silo's row stays until its peers declare it dead)");
            progress.Begin(GrainsStep, "grains not all deactivated (state they had not written is lost)");
            return Task.CompletedTask;
        });
        lifecycle.Subscribe(nameof(SiloShutdownSteps), ServiceLifecycleStage.GrainDirectoryShutdown - 1, Noop, _ =>
        {
            progress.Finish(GrainsStep);
            return Task.CompletedTask;
        });
        lifecycle.Subscribe(nameof(SiloShutdownSteps), ServiceLifecycleStage.RuntimeInitialize, Noop, _ =>
        {
            if (membership.CurrentStatus == SiloStatus.Dead)
            {
                progress.Finish(MembershipStep);
            }

            return Task.CompletedTask;
        });
    }

    private static Task Noop(CancellationToken cancellationToken) => Task.CompletedTask;
}

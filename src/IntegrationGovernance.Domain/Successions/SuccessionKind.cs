namespace IntegrationGovernance.Domain.Successions;

/// <summary>How rights and duties passed from predecessors to successors.</summary>
public enum SuccessionKind
{
    /// <summary>Two or more bodies became one.</summary>
    Merger,

    /// <summary>One body became two or more.</summary>
    Split,

    /// <summary>A body was abolished and its functions passed to one or more others (PCTs in April 2013).</summary>
    AbolitionWithTransfer,

    /// <summary>A body continued under another name and record.</summary>
    Rename,
}

public enum SuccessionSide
{
    Predecessor,
    Successor,
}

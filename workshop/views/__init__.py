"""What people see, by feature (mirroring the numbers packages).

Import each feature from its package: ``workshop.views.chain`` (the explorer),
``breath`` (the pacer), ``evidence``, ``safety``, ``sensory``, ``practice``;
``body`` holds the one skeleton and ``common`` what they all share.
"""

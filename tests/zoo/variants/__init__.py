"""Layout variants, one module per subject; each module's ``VARIANTS`` lists :class:`~tests.zoo.build.Variant`."""

"""Page forms: they check the shape of the input; the services decide everything else."""

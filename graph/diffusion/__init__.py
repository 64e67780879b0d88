"""Diffusion of solid-state batteries: the Bass model, its fit, Bass on networks and scenarios."""

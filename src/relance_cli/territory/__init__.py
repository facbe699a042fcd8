"""The user's territory: the official geography, finding a territory by code or name, and
resolving the perimeters of imported aids."""

"""The citizen satisfaction survey (SKM) at the Mall Pelayanan Publik, feeding the RB index."""

"""English formats: officials still read dates as dd/mm/yyyy and money as "100.000.000"."""

from ttdn.config.formats.vi.formats import *  # noqa: F403

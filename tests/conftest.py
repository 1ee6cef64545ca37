import pytest
from tlerc.core import data_dir

@pytest.fixture(scope='session')
def data():
    "The real data folder (TLERC_DATA or ../shared/data)."
    d = data_dir()
    if not (d/'SOURCES.md').exists(): pytest.fail(f'real data not found at {d}: set TLERC_DATA')
    return d

"""Storage as the pages reach it: the database, the library and its files, through the core.

The UI (ui/) imports the checker and never sources/ (tests/test_architecture.py): what it needs of
the library, the importers, the fetcher, the exports and the demo material is named here, once, and
`open_workbench` opens the database the way every page shares it.
"""

from __future__ import annotations

from sources.db import connect
from sources.db import database_url as database_url
from sources.db import is_locked as is_locked
from sources.demo import demo_ids as demo_ids
from sources.demo import demo_records as demo_records
from sources.demo import example_article as example_article
from sources.demo import remove_demo as remove_demo
from sources.demo import seed_demo
from sources.export import export_bytes as export_bytes
from sources.fetch import FetchedPage as FetchedPage
from sources.fetch import FetchError as FetchError
from sources.fetch import fetch_page as fetch_page
from sources.fetch import page_records as page_records
from sources.importers import ImportFormatError as ImportFormatError
from sources.importers import parse_file as parse_file
from sources.importers import record_from_values as record_from_values
from sources.importers import supported_extensions as supported_extensions
from sources.library import Library as Library
from sources.progress import ProgressMeter as ProgressMeter
from sources.progress import ProgressReading as ProgressReading
from sources.progress import duration_text as duration_text

from .desk import Desk


def open_workbench(url: str) -> tuple[Library, Desk]:
    """The library and the desk on the database at `url`, created and seeded with the demo records on
    first start, and warmed up (checker/service.py: warm_up) so that the first check after a restart is
    as fast as the next. The app calls it once per server (ui/common.py, st.cache_resource)."""
    from .service import warm_up

    engine = connect(url)
    library, desk = Library(engine), Desk(engine)
    seed_demo(library)
    warm_up(library)
    return library, desk

"""Running the per-document stages over many documents: in-process, in a local process pool
(``--workers N``) or on a Dask cluster (``claimledger batch --engine dask``).

Importing this package imports neither Dask nor pyarrow: ``dask_engine`` and ``shards`` load
them, only when a batch run uses them.
"""

from .work import Stages, WorkItem, WorkResult, process, process_in_worker, stages_for

__all__ = ["Stages", "WorkItem", "WorkResult", "process", "process_in_worker", "stages_for"]

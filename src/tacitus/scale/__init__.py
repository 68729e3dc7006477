"""Scale-out: ``tacitus ingest`` mapped over partitions on a Dask cluster.

    partitions.py  inputs cut into partitions the workers read themselves, lazily
    worker.py      resources loaded once per worker; a partition coded, bad articles alone
    reduce.py      incident merging as a reduce over (country, week) buckets
    run.py         the ingest: in this process, or on a LocalCluster / a running scheduler
    progress.py    the progress bar of long commands, and plurals
"""

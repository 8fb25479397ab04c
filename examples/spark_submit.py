"""Entry point for ``spark-submit``: the ``eventwire`` command line, run by Spark's driver.

    spark-submit [Spark options] examples/spark_submit.py spark INPUT... --out DIR

(see "Running on Apache Spark" in the README).
"""
from eventwire.cli import main

main()

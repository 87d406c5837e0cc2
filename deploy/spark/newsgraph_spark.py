#!/usr/bin/env python3
"""Newsgraph on Apache Spark: analyse an archive in parallel, then compute corpus aggregates.

Map: every input file (WARC, JSON Lines, text shard, HTML, feed; local, HDFS, S3 — whatever the
cluster's Hadoop connectors read) is staged on the executor, and each partition's files go through
one `newsgraph analyze --json --keep-going` process. Its JSON Lines are the output, line for line
what `newsgraph analyze --json` prints for those files, with `source.file` naming the input URI.
Bad records and bad files are reported to OUT/errors (the run goes on); a partition whose
process crashes fails its task, which Spark retries.

Reduce: the corpus aggregates, as Parquet under OUT/aggregates/<table>, computed with DataFrames
from the articles written (definitions in README.md beside this file; `newsgraph export --what
aggregates` computes the same from a store).

    spark-submit --master 'local[*]' --files target/release/newsgraph \\
        deploy/spark/newsgraph_spark.py --output out/ crawl/*.warc.gz
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    LongType,
    StringType,
    StructField,
    StructType,
)

AGGREGATE_TABLES = ["entities", "speakers", "anonymous_share", "cooccurrence", "quoted_about"]

# The summary line `--keep-going` ends with when it went past bad input (exit status 1).
KEEP_GOING_SUMMARY = re.compile(r"^newsgraph: error: \d+ input\(s\) or record\(s\) could not be read")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", help="input files or directories (paths or URIs)")
    p.add_argument("--output", required=True, help="output directory (must not exist)")
    p.add_argument(
        "--newsgraph",
        default="newsgraph",
        help="the binary: a path on the executors, the name of a file shipped with --files, "
        "or a command on PATH (default: newsgraph)",
    )
    p.add_argument("--format", default="auto", help="newsgraph --format (default auto)")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for inputs that carry none")
    p.add_argument("--split", help="newsgraph --split (auto, never, always)")
    p.add_argument(
        "--analyze-args", default="", help="more flags for `newsgraph analyze`, shell-quoted"
    )
    p.add_argument(
        "--partitions",
        type=int,
        default=0,
        help="partitions of the input files (default: twice the default parallelism)",
    )
    p.add_argument(
        "--articles-parquet",
        action="store_true",
        help="also write the articles as Parquet (OUT/articles_parquet; schema inferred)",
    )
    p.add_argument(
        "--aggregates-json",
        action="store_true",
        help="also write each aggregate as JSON Lines (OUT/aggregates_json/<table>)",
    )
    return p.parse_args(argv)


def analyze_command(args, binary, paths):
    cmd = [binary, "analyze", "--json", "--keep-going", "--format", args.format]
    if args.published:
        cmd += ["--published", args.published]
    if args.split:
        cmd += ["--split", args.split]
    cmd += shlex.split(args.analyze_args)
    return cmd + paths


def find_binary(name):
    """The newsgraph binary on this executor: a path, a file shipped with --files, or PATH."""
    if os.sep in name and os.path.isfile(name):
        return name
    shipped = SparkFiles.get(os.path.basename(name))
    if os.path.isfile(shipped):
        if not os.access(shipped, os.X_OK):
            try:
                os.chmod(shipped, 0o755)
            except OSError:
                copy = os.path.join(tempfile.mkdtemp(prefix="newsgraph-bin-"), "newsgraph")
                shutil.copy(shipped, copy)
                os.chmod(copy, 0o755)
                shipped = copy
        return shipped
    found = shutil.which(name)
    if found:
        return found
    raise RuntimeError(f"newsgraph binary {name!r} not found (ship it with --files or put it on PATH)")


def staged_name(index, uri):
    """A safe local file name that keeps the input's extension (auto detection reads it)."""
    base = re.sub(r"[^A-Za-z0-9._-]", "_", uri.rstrip("/").rsplit("/", 1)[-1])[-100:]
    return f"{index:06d}-{base}"


class Partition:
    """One partition's files, staged in a temporary directory of the executor."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="newsgraph-spark-")
        self.uris = []
        self.paths = []

    def stage(self, uri, data):
        path = os.path.join(self.dir, staged_name(len(self.uris), uri))
        with open(path, "wb") as f:
            f.write(data)
        self.uris.append(uri)
        self.paths.append(path)

    def in_order(self):
        """Staged paths sorted by URI: files are analysed in the order a single run would take."""
        return [p for _, p in sorted(zip(self.uris, self.paths))]

    def uri_of(self, match):
        return self.uris[int(match.group(1))]

    def staged_pattern(self):
        return re.compile(re.escape(self.dir + os.sep) + r"(\d{6})-[A-Za-z0-9._-]*")


def rewrite_source(line, part, pattern):
    """Puts the input URI in `source.file` in place of the staged path (the rest is untouched)."""
    head = '"source":{"file":'
    at = line.find(head)
    if at < 0:
        return line
    start = at + len(head) + 1
    m = pattern.match(line, start)
    if not m:
        return line
    uri = json.dumps(part.uri_of(m), ensure_ascii=False)[1:-1]
    return line[:start] + uri + line[m.end():]


def analyze_partition(args, files):
    """Map step: runs one newsgraph process over the partition's files. Yields ("a", json line)
    per article and ("e", json) per reported bad input; raises (so Spark retries the task) when
    the process fails in any other way than reporting bad input."""
    part = Partition()
    try:
        for uri, data in files:
            part.stage(uri, data)
        if not part.paths:
            return
        binary = find_binary(args.newsgraph)
        pattern = part.staged_pattern()
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(
                analyze_command(args, binary, part.in_order()),
                stdout=subprocess.PIPE,
                stderr=err,
            )
            for raw in proc.stdout:
                line = raw.decode("utf-8").rstrip("\n")
                if line:
                    yield ("a", rewrite_source(line, part, pattern))
            rc = proc.wait()
            err.seek(0)
            messages = err.read().decode("utf-8", "replace").splitlines()
        summary = [m for m in messages if KEEP_GOING_SUMMARY.match(m)]
        if rc != 0 and not (rc == 1 and summary):
            tail = "\n".join(messages[-20:])
            raise RuntimeError(f"newsgraph exited with status {rc} on {len(part.paths)} file(s):\n{tail}")
        for m in messages:
            if m.startswith("newsgraph: ") and not m.startswith("newsgraph: error: "):
                message = pattern.sub(part.uri_of, m[len("newsgraph: "):])
                yield ("e", json.dumps({"message": message}, ensure_ascii=False))
    finally:
        shutil.rmtree(part.dir, ignore_errors=True)


def article_schema():
    """The fields of the analysis JSON the aggregates read (docs/OUTPUT.md)."""
    span = [StructField("start", LongType()), StructField("end", LongType())]
    entity = StructType(span + [StructField("text", StringType()), StructField("label", StringType())])
    speaker = StructType(
        [
            StructField("text", StringType()),
            StructField("name", StringType()),
            StructField("kind", StringType()),
        ]
    )
    attribution = StructType(
        [
            StructField("kind", StringType()),
            StructField("content", StructType(span)),
            StructField("speaker", speaker),
        ]
    )
    source = StructType(
        [StructField("file", StringType()), StructField("bytes", ArrayType(LongType()))]
    )
    return StructType(
        [
            StructField("id", StringType()),
            StructField("source", source),
            StructField("outlet", StringType()),
            StructField("published", StructType([StructField("value", StringType())])),
            StructField("entities", ArrayType(entity)),
            StructField("attributions", ArrayType(attribution)),
            StructField(
                "sourcing",
                StructType(
                    [StructField("attributions", LongType()), StructField("anonymous", LongType())]
                ),
            ),
        ]
    )


def stored_articles(spark, path):
    """The articles as the store keeps them: one per content hash, the first in input order."""
    df = spark.read.schema(article_schema()).json(path)
    first = Window.partitionBy("id").orderBy(F.col("source.file"), F.col("source.bytes")[0])
    return (
        df.withColumn("_n", F.row_number().over(first))
        .where(F.col("_n") == 1)
        .drop("_n")
        .withColumn("published", F.col("published.value"))
    )


def aggregates(arts):
    """Reduce step: the corpus aggregates (definitions in README.md)."""
    mentions = arts.select("id", "published", F.explode("entities").alias("e")).select(
        "id",
        "published",
        F.col("e.text").alias("name"),
        F.col("e.label").alias("label"),
        F.col("e.start").alias("start"),
        F.col("e.end").alias("end"),
    )
    entities = mentions.groupBy("name", "label").agg(
        F.count(F.lit(1)).alias("mentions"),
        F.countDistinct("id").alias("articles"),
        F.min("published").alias("first_seen"),
        F.max("published").alias("last_seen"),
    )
    attrs = arts.select("id", F.posexplode("attributions").alias("idx", "a")).where(
        F.col("a.speaker").isNotNull()
    )
    said = attrs.select(
        "id",
        "idx",
        F.coalesce(F.col("a.speaker.name"), F.col("a.speaker.text")).alias("speaker"),
        F.col("a.speaker.kind").alias("speaker_kind"),
        F.col("a.kind").alias("kind"),
        F.col("a.content.start").alias("cs"),
        F.col("a.content.end").alias("ce"),
    )
    speakers = said.groupBy("speaker", "speaker_kind", "kind").agg(
        F.count(F.lit(1)).alias("statements"), F.countDistinct("id").alias("articles")
    )
    month = F.when(F.length("published") >= 7, F.substring("published", 1, 7))
    share = (
        arts.groupBy(F.col("outlet"), month.alias("month"))
        .agg(
            F.count(F.lit(1)).alias("articles"),
            F.sum("sourcing.attributions").alias("attributions"),
            F.sum("sourcing.anonymous").alias("anonymous"),
        )
        .withColumn(
            "share",
            F.when(F.col("attributions") > 0, F.col("anonymous") / F.col("attributions")),
        )
    )
    keys = mentions.select("id", "name", "label").distinct()
    x, y = keys.alias("x"), keys.alias("y")
    first = (F.col("x.name") < F.col("y.name")) | (
        (F.col("x.name") == F.col("y.name")) & (F.col("x.label") < F.col("y.label"))
    )
    cooccurrence = (
        x.join(y, (F.col("x.id") == F.col("y.id")) & first)
        .groupBy(
            F.col("x.name").alias("name_a"),
            F.col("x.label").alias("label_a"),
            F.col("y.name").alias("name_b"),
            F.col("y.label").alias("label_b"),
        )
        .agg(F.count(F.lit(1)).alias("articles"))
    )
    quoted = said.where(F.col("kind") != "scare").alias("q")
    m = mentions.alias("m")
    inside = (
        (F.col("q.id") == F.col("m.id"))
        & (F.col("m.start") >= F.col("q.cs"))
        & (F.col("m.end") <= F.col("q.ce"))
    )
    quoted_about = (
        quoted.join(m, inside)
        .select("q.id", "q.idx", "q.speaker", "q.speaker_kind", "m.name", "m.label")
        .distinct()
        .groupBy("speaker", "speaker_kind", "name", "label")
        .agg(F.count(F.lit(1)).alias("statements"))
    )
    return {
        "entities": entities,
        "speakers": speakers,
        "anonymous_share": share,
        "cooccurrence": cooccurrence,
        "quoted_about": quoted_about,
    }


def main(argv):
    args = parse_args(argv)
    spark = SparkSession.builder.appName("newsgraph").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel(os.environ.get("NEWSGRAPH_SPARK_LOG_LEVEL", "WARN"))
    # Directories are read recursively, as `newsgraph analyze DIR` does.
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    partitions = args.partitions or 2 * sc.defaultParallelism
    if not sc.getConf().contains("spark.sql.shuffle.partitions"):
        # The default (200) is for clusters; the aggregates are small next to the articles.
        spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    files = sc.binaryFiles(",".join(args.inputs), minPartitions=partitions)
    tagged = files.mapPartitions(lambda it: analyze_partition(args, it)).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    out = args.output.rstrip("/")
    tagged.filter(lambda t: t[0] == "a").map(lambda t: t[1]).saveAsTextFile(out + "/articles")
    errors = tagged.filter(lambda t: t[0] == "e").map(lambda t: t[1])
    errors.coalesce(1).saveAsTextFile(out + "/errors")
    reported = errors.count()
    tagged.unpersist()

    if args.articles_parquet:
        spark.read.json(out + "/articles").write.parquet(out + "/articles_parquet")
    arts = stored_articles(spark, out + "/articles").cache()
    for name, df in aggregates(arts).items():
        df.write.parquet(f"{out}/aggregates/{name}")
        if args.aggregates_json:
            df.coalesce(1).write.option("ignoreNullFields", "false").json(
                f"{out}/aggregates_json/{name}"
            )
    print(
        f"newsgraph_spark: {arts.count()} distinct articles; {reported} bad input(s) or "
        f"record(s) reported in {out}/errors; aggregates in {out}/aggregates",
        file=sys.stderr,
    )
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])

"""A local Spark Connect server for the tests: the JVM of the full ``pyspark`` package (a test-only
dependency, see requirements-dev.txt), started once per test session on a free loopback port.

The app never starts a JVM: it reaches a cluster's Spark Connect endpoint with ``pyspark-client``.
This server stands in for that cluster: one driver with ``local[2]`` executors, 1 GB of heap, two
shuffle partitions, no UI, an in-memory catalog and every file it writes (warehouse, scratch,
log) in a temporary folder the caller owns.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer"


def spark_home() -> Path | None:
    """The full ``pyspark`` package folder (with the Spark jars), or None without it.

    Found without importing pyspark: the client package ``pyspark-client`` installs the same
    folder without ``jars/``, and is not enough to run a server.
    """
    spec = importlib.util.find_spec("pyspark")
    if spec is None or not spec.submodule_search_locations:
        return None
    home = Path(next(iter(spec.submodule_search_locations)))
    return home if any((home / "jars").glob("spark-connect_*.jar")) else None


def server_version(home: Path) -> str | None:
    """The Spark release of the jars in ``home`` (``"4.2.0"``), from the spark-core jar's name."""
    for jar in (home / "jars").glob("spark-core_*.jar"):
        match = re.search(r"spark-core_[0-9.]+-([0-9][^/]*)\.jar$", jar.name)
        if match:
            return match.group(1)
    return None


def java_command() -> str | None:
    """The ``java`` the Spark scripts will run (``$JAVA_HOME/bin/java`` first, as they do)."""
    home = os.environ.get("JAVA_HOME")
    if home and os.access(Path(home) / "bin" / "java", os.X_OK):
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def unavailable() -> str | None:
    """Why a local server cannot start here (no Java, no full pyspark), or None when it can."""
    if java_command() is None:
        return "no Java runtime (install openjdk-17-jre-headless: `make system-deps`)"
    if spark_home() is None:
        return "the full pyspark package (Spark jars) is not installed (`pip install -r requirements-dev.txt`)"
    return None


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SparkConnectServer:
    """One Spark Connect server process (``spark-submit --class SparkConnectServer``).

    Parameters
    ----------
    workdir : Path
        A folder of the caller's (a pytest temporary folder): the server's working directory,
        warehouse, scratch space and log.
    cores : int
        ``local[cores]``.
    memory : str
        The driver's heap (the driver runs the executors in local mode).
    """

    def __init__(self, workdir: Path, cores: int = 2, memory: str = "1g") -> None:
        self.workdir = Path(workdir)
        self.cores = cores
        self.memory = memory
        self.port: int | None = None
        self.process: subprocess.Popen | None = None
        self.log_path = self.workdir / "spark-connect.log"

    @property
    def url(self) -> str:
        return f"sc://localhost:{self.port}"

    def command(self, home: Path) -> list[str]:
        confs = {
            "spark.connect.grpc.binding.address": "127.0.0.1",
            "spark.connect.grpc.binding.port": str(self.port),
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.ui.enabled": "false",
            # Task counts every 100 ms (default 2 s): a test's query of a second still sends
            # some, so the progress the CLI and the app show is tested, not left to timing.
            "spark.connect.progress.reportInterval": "100ms",
            "spark.sql.shuffle.partitions": "2",
            # Adaptive execution re-plans after every shuffle: extra stages, nothing to gain on
            # a few thousand rows in two partitions.
            "spark.sql.adaptive.enabled": "false",
            # An in-memory catalog: Hive's would create a Derby metastore in the working folder.
            "spark.sql.catalogImplementation": "in-memory",
            "spark.sql.warehouse.dir": str(self.workdir / "warehouse"),
            "spark.local.dir": str(self.workdir / "scratch"),
            # Small tests on a shared machine: one GC thread, and C1 only (a JVM that lives a
            # minute spends more on C2 compiling than it gains).
            "spark.driver.extraJavaOptions": "-XX:+UseSerialGC -XX:TieredStopAtLevel=1",
        }
        args = [str(home / "bin" / "spark-submit"), "--class", SERVER_CLASS,
                "--master", f"local[{self.cores}]", "--driver-memory", self.memory,
                "--name", "dw-test-spark-connect"]
        for key, value in confs.items():
            args += ["--conf", f"{key}={value}"]
        return args

    def start(self, timeout: float = 180.0) -> str:
        """Start the server and wait until its port answers; its ``sc://`` URL.

        Raises
        ------
        RuntimeError
            When the server exits or does not listen within ``timeout`` seconds (with the end of
            its log).
        """
        home = spark_home()
        if home is None:
            raise RuntimeError(unavailable())
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        env = dict(os.environ)
        env.update(SPARK_HOME=str(home), SPARK_LOCAL_IP="127.0.0.1", SPARK_CONF_DIR=str(self.workdir))
        # A client-side setting in the environment would make spark-submit try to connect.
        for key in ("SPARK_REMOTE", "SPARK_CONNECT_MODE_ENABLED", "PYSPARK_SUBMIT_ARGS"):
            env.pop(key, None)
        log = open(self.log_path, "wb")
        try:
            self.process = subprocess.Popen(self.command(home), cwd=self.workdir, env=env,
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        finally:
            log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Spark Connect server exited ({self.process.returncode}):\n{self.log_tail()}")
            if self._listening() and b"Spark Connect server started" in self.log_path.read_bytes():
                return self.url
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"the Spark Connect server did not listen within {timeout:.0f} s:\n{self.log_tail()}")

    def _listening(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the server's log (for failure messages)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, grace: float = 20.0) -> None:
        """Stop the server (SIGTERM to its process group, SIGKILL after ``grace`` seconds)."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=grace)
        except ProcessLookupError:
            pass

"""The shipped server configuration: what a laptop's `make run` and a deployment get."""
from __future__ import annotations

import tomllib

from tests.conftest import REPO


def test_the_app_listens_on_this_machine_only_unless_a_deployment_says_otherwise():
    # no address was set: `make run` (no sign-in, anyone may unmask) answered on every interface,
    # so anyone on the office network reached the borrower data at http://<the laptop's address>:8501
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] in ("127.0.0.1", "localhost")
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text()
    assert '"--server.address", "0.0.0.0"' in dockerfile  # the container listens for the proxy


def test_the_proxy_spreads_sessions_by_the_whole_client_address():
    # ip_hash keys on an IPv4 address's first three octets: every user of one office /24 reached
    # the same process while the other idled (measured behind the shipped nginx.conf: 20 of 20)
    conf = (REPO / "deploy" / "nginx.conf").read_text()
    directives = [line.split("#")[0].strip() for line in conf.splitlines()]
    assert "hash $remote_addr consistent;" in directives and "ip_hash;" not in directives


def test_every_named_volume_of_compose_is_made_for_the_apps_user_in_the_image():
    # compose mounted the audit volume at /audit, which the image never made: Docker created it
    # root-owned and the app (user workbench) could not write the audit trail
    import re

    compose = (REPO / "deploy" / "compose.yaml").read_text()
    named = set(re.findall(r"^  (\w+): \{\}$", compose.split("\nvolumes:\n", 1)[1], re.MULTILINE))
    mounts = set(re.findall(r"^\s+- (\w+):(/[\w/]+)\s*$", compose, re.MULTILINE))
    points = {path for name, path in mounts if name in named}
    assert named and points == {"/audit", "/spill"}
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text()
    made = re.search(r"mkdir -p ([/\w ]+?) && chown workbench ([/\w ]+)", dockerfile)
    assert made and points <= set(made.group(1).split()) and points <= set(made.group(2).split())
    assert dockerfile.index("mkdir -p /audit") < dockerfile.index("USER workbench")

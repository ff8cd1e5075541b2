"""Findings files for the notebooks: read as `iocstream query` reads them (docs/query.md), into pandas.

FINDINGS (environment) names a findings file or a directory of them (the job's day folders, replay outputs); the
default is the replay that .ci/run makes, target/ci-replay/. Charts go to CHARTS, by default target/notebooks/.
"""

import json
import os
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ["schema_version", "finding_id", "status", "trigger", "repo", "ref", "commit", "path", "kind",
            "ecosystem", "package", "version", "indicator", "ioc_ids", "severity", "detected_at"]
SEVERITIES = ["critical", "high", "medium", "low"]
SEVERITY_COLOURS = {"critical": "#8b0000", "high": "#e4572e", "medium": "#f3a712", "low": "#669bbc"}


def findings_path():
    return _path("FINDINGS", ROOT / "target" / "ci-replay")


def charts_dir():
    return _path("CHARTS", ROOT / "target" / "notebooks")


def _path(variable, default):
    """The path an environment variable names; a relative one from where Jupyter was started (the kernel itself runs
    in notebooks/), as the shell's PWD says, else from the repository's root."""
    value = os.environ.get(variable)
    if not value:
        return default
    path = Path(value).expanduser()
    return path if path.is_absolute() else Path(os.environ.get("PWD") or ROOT) / path


def files(path):
    """The findings files under path: a file as it is; in a directory every *.jsonl at any depth, but hidden
    files and folders (in-progress files), dead-letters/ and *.dead-letters.jsonl, and scan records (scans/ and
    *.scans.jsonl), which are not findings; empty files never."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"FINDINGS: no such file or directory: {path}")
    if path.is_file():
        return [path] if path.stat().st_size > 0 else []
    found = []
    for folder, subfolders, names in os.walk(path):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d not in ("dead-letters", "scans"))
        for name in sorted(names):
            file = Path(folder) / name
            if (name.endswith(".jsonl") and not name.startswith(".") and not name.endswith(".dead-letters.jsonl")
                    and not name.endswith(".scans.jsonl") and file.stat().st_size > 0):
                found.append(file)
    return found


def load(path=None):
    """Every record of the findings files as one DataFrame: the contract's columns always there, other fields by
    name, and each *_at field a UTC time. A line that is not JSON stops here, naming its file and line."""
    path = findings_path() if path is None else Path(path)
    records = []
    for file in files(path):
        with open(file, encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{file} line {number} is not JSON: {e}") from None
    frame = pd.DataFrame.from_records(records)
    for column in CONTRACT:
        if column not in frame.columns:
            frame[column] = None
    for column in [c for c in frame.columns if c.endswith("_at")]:
        frame[column] = pd.to_datetime(frame[column], utc=True)
    print(f"{len(frame)} records of {frame['finding_id'].nunique()} findings from {path}")
    return frame


def current(frame):
    """The latest record of each finding (the `current` view): what is open, resolved or suppressed now."""
    latest = frame.dropna(subset=["finding_id"]).sort_values(["detected_at", "status"], kind="stable")
    return latest.groupby("finding_id", as_index=False).tail(1).reset_index(drop=True)


def subject(record):
    """What a finding is about: `package@version` for packages, else the indicator."""
    if record.get("kind") == "package":
        return f"{record.get('package')}@{record.get('version')}"
    return f"{record.get('kind')}: {record.get('indicator')}"


def save(figure, name):
    """Writes a chart as CHARTS/name.png and says where."""
    folder = charts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    figure.savefig(target, dpi=100, bbox_inches="tight")
    print(f"chart: {target}")
    return target

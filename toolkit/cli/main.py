"""The `claims` command: parse arguments, call the library function of the same name, turn errors into exit codes."""

from __future__ import annotations

import argparse
import os
import sys

from toolkit.cli import build as build_cmd
from toolkit.cli import entities as entities_cmd
from toolkit.cli import report as report_cmd
from toolkit.cli import review as review_cmd
from toolkit.cli import validate as validate_cmd

INTERNAL_ERROR = 3  # exit codes: 0 success, 1 failed expectations, 2 unusable input, 3 a bug
COMMANDS = {"build": build_cmd, "validate": validate_cmd, "review": review_cmd, "entities": entities_cmd,
            "report": report_cmd}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="claims",
        description="Turn a folder of news articles into a traceable Parquet dataset of claims, "
                    "align them across outlets and validate them.")
    top.add_argument("--version", action="version", version="claims-toolkit 0.1.0")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        module.add_parser(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.command:
        parser().print_help()
        return 0
    from toolkit.errors import ToolkitError

    try:
        return COMMANDS[args.command].run(args) or 0
    except ToolkitError as err:
        print(f"Error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("Interrupted; the previous tables are untouched.", file=sys.stderr)
        return 130
    except BrokenPipeError:               # `claims validate | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
    except Exception as err:              # a bug, or a case no check foresaw: a short message, never a traceback
        print(f"Error: unexpected {type(err).__name__}: {err}\n"
              f"This is a bug in claims-toolkit; please report it with the command you ran "
              f"(set CLAIMS_DEBUG=1 to see the traceback).", file=sys.stderr)
        if os.environ.get("CLAIMS_DEBUG"):
            raise
        return INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())

"""The `jixiao` command: `jixiao check FILE...` runs the report health check."""

import os
import sys


def main(argv=None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print("用法: jixiao check FILE... [--json] [--min-severity error|warning|hint]\n      jixiao check --evaluate 语料目录 [--json]")
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command != "check":
        print(f"未知命令：{command}（可用：check）", file=sys.stderr)
        return 2
    try:
        return call_command("check_reports", *rest) or 0
    except CommandError as error:
        print(error, file=sys.stderr)
        return 2
    except SystemExit as exit_:
        return int(exit_.code or 0)


if __name__ == "__main__":
    sys.exit(main())

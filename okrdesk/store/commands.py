"""The command line of the organisation's store: publish, pull, and ``store ...``."""

from __future__ import annotations

import argparse
import getpass
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, date
from pathlib import Path

from sqlalchemy import Engine

from okrdesk.engine.context import Clock
from okrdesk.errors import PlanFileError
from okrdesk.launch import path_argument
from okrdesk.messages import translate
from okrdesk.store.connect import StoreAddress, remember_password, store_engine
from okrdesk.store.errors import StoreError

Adder = Callable[[str], argparse.ArgumentParser]


def add_store_commands(
    add: Adder, lang: Callable[[argparse.ArgumentParser], None], t: Callable[[str], str]
) -> None:
    """The parsers of ``publish``, ``pull`` and ``store ACTION``."""
    publish = add("publish")
    publish.add_argument("file", type=path_argument, metavar="PLAN", help=t("help.plan"))
    publish.add_argument("--store", metavar="URL", help=t("help.publish_store"))
    lang(publish)
    pull = add("pull")
    pull.add_argument("file", type=path_argument, metavar="PLAN", help=t("help.plan"))
    pull.add_argument("--store", metavar="URL", required=True, help=t("help.publish_store"))
    lang(pull)
    store = add("store")
    lang(store)
    actions = store.add_subparsers(
        dest="action", required=True, title=t("help.store_action"), metavar="ACTION"
    )

    def action(name: str, help_id: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = actions.add_parser(
            name,
            help=t(help_id),
            description=t(help_id),
            language=getattr(store, "language", "en"),
        )
        sub.add_argument("url", metavar="URL", help=t("help.store_url"))
        lang(sub)
        return sub

    action("init", "help.store_init")
    action("upgrade", "help.store_upgrade")
    action("login", "help.store_login")
    for name in ("board", "tree"):
        view = action(name, f"help.store_{name}")
        view.add_argument("--cycle", required=True, metavar="NAME", help=t("help.store_cycle"))
        view.add_argument("--json", action="store_true", help=t("help.store_json"))
        view.add_argument("--pdf", type=Path, metavar="OUT.pdf", help=t("help.store_pdf"))
        if name == "board":
            view.add_argument(
                "--today", type=date.fromisoformat, metavar="DATE", help=t("help.store_today")
            )
    hand = action("hand-over", "help.store_hand_over")
    hand.add_argument("--unit", required=True, metavar="PATH", help=t("help.hand_over_unit"))
    hand.add_argument("--cycle", required=True, metavar="NAME", help=t("help.store_cycle"))
    hand.add_argument("--to", required=True, metavar="PLAN", help=t("help.hand_over_to"))
    hand.add_argument("--by", required=True, metavar="NAME", help=t("help.hand_over_by"))
    hand.add_argument("--reason", metavar="TEXT", help=t("help.hand_over_reason"))


def run_store_command(args: argparse.Namespace, language: str, clock: Clock) -> int:
    """Run ``publish``, ``pull`` or ``store ACTION``; the exit status."""
    if args.command == "publish":
        return _publish(args, language, clock)
    if args.command == "pull":
        from okrdesk.store.pull import run_pull

        return run_pull(args.file, StoreAddress.parse(args.store), language, clock)
    address = StoreAddress.parse(args.url)
    if args.action == "login":
        remember_password(address, getpass.getpass(f"{address.shown}: "))
        print(translate("store.password_saved", language, address=address.shown))
        return 0
    engine = store_engine(address)
    try:
        return _store_action(args, address, engine, language, clock)
    finally:
        engine.dispose()


def _store_action(
    args: argparse.Namespace,
    address: StoreAddress,
    engine: Engine,
    language: str,
    clock: Clock,
) -> int:
    from okrdesk.store.publish import connect
    from okrdesk.store.version import init_store, upgrade_store

    connect(engine, address).close()  # unreachable or refused: said before anything else
    if args.action == "init":
        revision = init_store(engine, address.shown)
        print(translate("store.initialised", language, address=address.shown, revision=revision))
        return 0
    if args.action == "upgrade":
        previous, revision = upgrade_store(engine, address.shown)
        print(
            translate(
                "store.upgraded",
                language,
                address=address.shown,
                revision=revision,
                previous=previous,
            )
        )
        return 0
    if args.action == "hand-over":
        from okrdesk.store.publish import hand_over

        to_plan = _plan_uuid(args.to)
        # Named by its file's name until it publishes (as a publish names it), else its UUID.
        label = None if args.to.lower() == to_plan else Path(args.to).name
        path = [part.strip() for part in args.unit.split("/") if part.strip()]
        hand_over(engine, address, path, args.cycle, to_plan, args.by, args.reason, clock(), label)
        print(
            translate(
                "store.handed_over", language, unit=" / ".join(path), cycle=args.cycle, plan=args.to
            )
        )
        return 0
    if args.pdf is not None:
        return _view_pdf(engine, address, args, language, clock)
    from okrdesk.store.views import print_view

    return print_view(engine, address, args, language, clock)


def _view_pdf(
    engine: Engine, address: StoreAddress, args: argparse.Namespace, language: str, clock: Clock
) -> int:
    """``okrdesk store board|tree URL --cycle NAME --pdf OUT.pdf``: the plan's cascade or
    alignment document, of the whole store's cycle, drafts marked."""
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from okrdesk.export.org_pdf import write_store_board, write_store_tree
    from okrdesk.store.publish import in_transaction
    from okrdesk.store.views import StoreBoard, StoreTree, store_board, store_tree

    now = clock().astimezone()
    today = getattr(args, "today", None) or now.date()

    def read(connection: Connection) -> StoreBoard | StoreTree | None:
        session = Session(bind=connection)
        if args.action == "board":
            return store_board(session, args.cycle, today, now.tzinfo or UTC)
        return store_tree(session, args.cycle)

    view, _retries = in_transaction(engine, address, read)
    if view is None:
        raise StoreError("store.no_cycle", cycle=args.cycle)
    printed = now.date().isoformat()
    if isinstance(view, StoreBoard):
        write_store_board(view, args.pdf, language=language, printed=printed)
    else:
        write_store_tree(view, args.pdf, language=language, printed=printed)
    print(translate("store.pdf_written", language, path=str(args.pdf)))
    return 0


def _plan_uuid(text: str) -> str:
    """A plan's UUID: given as such, or read from its plan file."""
    try:
        return str(uuid.UUID(text))
    except ValueError:
        pass
    path = Path(text)
    if not path.exists():
        raise StoreError("store.not_a_plan_id", plan=text)
    from sqlalchemy import select

    from okrdesk.models import PlanInfo
    from okrdesk.models.planfile import PlanFile

    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
        return str(session.scalars(select(PlanInfo.uuid)).one())


def _publish(args: argparse.Namespace, language: str, clock: Clock) -> int:
    """Publish to --store and deliver whatever the plan's queue holds."""
    from okrdesk.engine.editor import PlanEditor
    from okrdesk.models.planfile import PlanFile
    from okrdesk.store.deliver import deliver, queued_stores

    with PlanFile.open(args.file) as plan:
        if plan.read_only:
            raise PlanFileError("file.busy", path=str(args.file))
        editor = PlanEditor(plan, clock)
        targets = [StoreAddress.parse(args.store).shown] if args.store else []
        targets += [s for s in queued_stores(editor) if s not in targets]
        if not targets:
            raise StoreError("store.no_store_given")
        for target in targets:
            delivery = deliver(editor, StoreAddress.parse(target), args.file.name)
            if delivery.published is None:
                print(
                    translate(
                        "store.queued",
                        language,
                        address=delivery.address,
                        reason=delivery.queued_because,
                    ),
                    file=sys.stderr,
                )
            else:
                sent = delivery.published
                print(
                    translate(
                        "store.published",
                        language,
                        address=delivery.address,
                        count=len(sent.versions),
                        drafts=sent.drafts,
                    )
                )
    return 0

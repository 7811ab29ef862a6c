"""Bonus e-mails and the lead-submitted e-mail: queued once, delivered to a real SMTP server
(aiosmtpd on localhost), failures kept and retried, nothing sent twice, dry run as .eml."""

from __future__ import annotations

import datetime as dt
import email

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

from leadanalytics.cli import cli
from leadanalytics.notify import SmtpSettings, queue_bonus_notifications, send_outbox
from tests.helpers import Inbox, free_port

D = dt.date.fromisoformat


@pytest.fixture
def history(agency):
    """L-1: the spec example (earned 03-16, withdrawn 03-20, earned again 03-23)."""
    a = agency
    a.many([("insert into store.branches values (?, ?, ?, null)", b)
            for b in (["NL", "Nederland", None], ["AMS", "Amsterdam", "NL"])])
    a.many([("insert into store.people (person_id, name, email, role, branch_id) "
             "values (?, ?, ?, ?, ?)", p)
            for p in (["P-RD", "Regio Directeur", "rd@agency.nl", "regional_director", "NL"],
                      ["P-RD2", "Tweede", "rd2@agency.nl", "employee|regional_director", "NL"],
                      ["P-X", "Other", "x@agency.nl", "regional_director", "ZZZ"])])
    asg = a.lead("L-1", submitted="2026-02-02", won="2026-02-20")
    a.lines([("w1", asg, "40", "2026-03-02"), ("w2", asg, "40", "2026-03-09"),
             ("w3", asg, "20", "2026-03-16"), ("w3", asg, "19", "2026-03-20", 2),
             ("w4", asg, "8", "2026-03-23")])
    return a


def outbox(w):
    return w.sql("select kind, to_address, subject, body, dedupe_key, sent_at, error, attempts "
                 "from outbox order by message_id")


def test_each_change_is_queued_once(warehouse, history):
    w = warehouse
    assert queue_bonus_notifications(w, D("2026-02-02"), "en") == {
        "bonus_earned": 0, "bonus_withdrawn": 0, "bonus_review": 0, "lead_submitted": 2}
    assert queue_bonus_notifications(w, D("2026-02-03"), "en")["lead_submitted"] == 0
    assert queue_bonus_notifications(w, D("2026-03-16"))["bonus_earned"] == 1
    assert queue_bonus_notifications(w, D("2026-03-16"))["bonus_earned"] == 0    # twice: nothing
    assert queue_bonus_notifications(w, D("2026-03-19"))["bonus_earned"] == 0
    assert queue_bonus_notifications(w, D("2026-03-20"))["bonus_withdrawn"] == 1
    assert queue_bonus_notifications(w, D("2026-03-21"))["bonus_withdrawn"] == 0
    assert queue_bonus_notifications(w, D("2026-03-23"))["bonus_earned"] == 1    # earned again
    box = outbox(w)
    assert box.kind.tolist() == ["lead_submitted", "lead_submitted", "bonus_earned",
                                 "bonus_withdrawn", "bonus_earned"]
    assert box.to_address.tolist()[:2] == ["rd@agency.nl", "rd2@agency.nl"]   # nearest branch
    first_earned = box.iloc[2]
    assert first_earned.to_address == "p-emp@example.nl"
    assert first_earned.subject == "Je bonus voor lead L-1 is verdiend"
    assert "€ 250,00 is verdiend op 16 maart 2026" in first_earned.body
    assert "uitbetaald op 25 april 2026" in first_earned.body
    assert "verdiend op 23 maart 2026" in box.iloc[4].body


def test_english_templates(warehouse, history):
    queue_bonus_notifications(warehouse, D("2026-03-16"), "en")
    queue_bonus_notifications(warehouse, D("2026-03-20"), "en")
    box = outbox(warehouse)
    assert box.subject.tolist()[-2:] == ["Your bonus for lead L-1 has been earned",
                                         "Your bonus for lead L-1 has been withdrawn"]
    assert "(99 of 100 hours)" in box.body.tolist()[-1]
    assert "The bonus of €250.00 announced earlier" in box.body.tolist()[-1]


def test_delivered_to_a_real_smtp_server_and_never_twice(warehouse, history, smtp):
    inbox, settings = smtp
    queue_bonus_notifications(warehouse, D("2026-03-16"), "en")
    assert send_outbox(warehouse, settings) == {"sent": 1, "failed": 0, "written": 0}
    assert send_outbox(warehouse, settings) == {"sent": 0, "failed": 0, "written": 0}
    (rcpt, msg), = inbox.messages
    assert rcpt == ["p-emp@example.nl"] and msg["From"] == "fin@agency.nl"
    assert msg["Subject"] == "Your bonus for lead L-1 has been earned"
    text = msg.get_payload(decode=True).decode(msg.get_content_charset())
    assert "€250.00 was earned on 16 March 2026" in text and "will be paid on 25 April 2026" in text
    assert outbox(warehouse).sent_at.notna().all()


def test_failed_send_is_kept_with_its_error_and_retried(warehouse, history, smtp):
    inbox, settings = smtp
    queue_bonus_notifications(warehouse, D("2026-03-16"), "en")
    dead = SmtpSettings(host="127.0.0.1", port=free_port(), timeout=2)
    assert send_outbox(warehouse, dead)["failed"] == 1
    box = outbox(warehouse)
    assert box.sent_at.isna().all() and "cannot connect" in box.error[0] and box.attempts[0] == 1
    assert send_outbox(warehouse, settings)["sent"] == 1
    box = outbox(warehouse)
    assert box.error.isna().all() and box.attempts[0] == 2 and len(inbox.messages) == 1


def test_login_with_user_and_password(committed, warehouse, history):
    inbox = Inbox()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"fin" and \
            auth_data.password == b"s3cret"
        return AuthResult(success=ok)

    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(),
                            authenticator=authenticator, auth_require_tls=False)
    controller.start()
    try:
        queue_bonus_notifications(warehouse, D("2026-03-16"))
        env = {"LEADANALYTICS_SMTP_HOST": "127.0.0.1", "LEADANALYTICS_SMTP_PORT": str(controller.port),
               "LEADANALYTICS_SMTP_USER": "fin", "LEADANALYTICS_SMTP_PASSWORD": "s3cret"}
        r = CliRunner().invoke(cli, ["--db", str(warehouse.path), "notify", "send", "--json"],
                               env=env)
        assert r.exit_code == 0, r.output
        assert '"sent": 1' in r.stdout and len(inbox.messages) == 1
    finally:
        controller.stop()


def test_dry_run_writes_eml_and_sends_nothing(committed, warehouse, history, tmp_path):
    queue_bonus_notifications(warehouse, D("2026-02-02"))
    queue_bonus_notifications(warehouse, D("2026-03-16"))
    r = CliRunner().invoke(cli, ["--db", str(warehouse.path), "notify", "send", "--dry-run",
                                 str(tmp_path / "eml")])
    assert r.exit_code == 0 and "3 message(s) written" in r.stderr
    files = sorted((tmp_path / "eml").glob("*.eml"))
    assert len(files) == 3
    msg = email.message_from_bytes(files[-1].read_bytes())
    assert msg["To"] == "p-emp@example.nl"
    assert outbox(warehouse).sent_at.isna().all()


def test_queue_cli(committed, warehouse, history):
    r = CliRunner().invoke(cli, ["--db", str(warehouse.path), "notify", "queue", "--as-of",
                                 "2026-03-16", "--json"])
    assert r.exit_code == 0, r.output
    assert '"bonus_earned": 1' in r.stdout


def test_anonymising_the_submitter_reaches_the_outbox(warehouse, history):
    from leadanalytics.access.privacy import anonymize

    history.sql("insert into store.people (person_id, name, role) values ('P-ADM', 'A', 'admin')")
    history.sql("update store.people set name = 'Eva Jansen' where person_id = 'P-EMP'")
    queue_bonus_notifications(warehouse, D("2026-03-16"))
    anonymize(warehouse, "P-EMP", by="P-ADM")
    box = outbox(warehouse)
    assert box.to_address.tolist() == ["***"]
    assert "Eva Jansen" not in box.body[0] and "Beste ***" in box.body[0]


def _self_signed(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def test_starttls_when_the_server_requires_it(warehouse, history, tmp_path):
    import ssl

    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), tls_context=context,
                            require_starttls=True)
    controller.start()
    try:
        queue_bonus_notifications(warehouse, D("2026-03-16"))
        plain = SmtpSettings(host="127.0.0.1", port=controller.port, timeout=5)
        assert send_outbox(warehouse, plain)["failed"] == 1          # the server wants TLS
        assert "STARTTLS" in outbox(warehouse).error[0].upper()
        tls = SmtpSettings(host="127.0.0.1", port=controller.port, starttls=True, timeout=5)
        assert send_outbox(warehouse, tls)["sent"] == 1
        assert len(inbox.messages) == 1
    finally:
        controller.stop()

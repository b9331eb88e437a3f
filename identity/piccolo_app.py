"""Piccolo app for the identity domain."""

import os

from piccolo.conf.apps import AppConfig

from identity.tables import (
    AgentAppointment,
    AttemptCounter,
    AuthSession,
    CounterTicket,
    Enterprise,
    FaceCheck,
    Passkey,
    Person,
    RefreshToken,
    SandboxSms,
    SmsChallenge,
    StaffMember,
    TierEvidence,
    WebAuthnChallenge,
)

APP_CONFIG = AppConfig(
    app_name="identity",
    migrations_folder_path=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "piccolo_migrations"
    ),
    table_classes=[
        Person,
        StaffMember,
        Enterprise,
        AgentAppointment,
        TierEvidence,
        Passkey,
        WebAuthnChallenge,
        AuthSession,
        RefreshToken,
        SmsChallenge,
        SandboxSms,
        AttemptCounter,
        FaceCheck,
        CounterTicket,
    ],
    migration_dependencies=["reference.piccolo_app"],
    commands=[],
)

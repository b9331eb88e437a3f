"""Staff roles. A staff member holds one or more; permission checks name the roles they accept."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    WINDOW_CLERK = "window_clerk"  # 窗口工作人员: verifies people at the counter
    APPROVER = "approver"  # 审批人员
    DEPARTMENT_ADMIN = "department_admin"  # manages staff and items of one department
    SUPERVISOR = "supervisor"  # 电子监察: oversight, may revoke evidence
    CALL_CENTRE_AGENT = "call_centre_agent"  # 12345 hotline
    PLATFORM_ADMIN = "platform_admin"  # manages everything, every department

from __future__ import annotations

from enum import StrEnum
from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model

from models.tenancy import Tenant, User


class TaskStatus(StrEnum):
    TODO = "TODO"
    DOING = "DOING"
    DONE = "DONE"


class Project(Model):
    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="projects", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    description: str | None = fields.TextField(null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="projects", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField(auto_now=True)

    tenant_id: UUID
    created_by_id: UUID

    class Meta:
        table = "project"
        indexes = (("tenant", "created_at"),)


class Task(Model):
    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="tasks", on_delete=fields.CASCADE
    )
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "models.Project", related_name="tasks", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=200)
    description: str | None = fields.TextField(null=True)
    status = fields.CharEnumField(TaskStatus, max_length=8, default=TaskStatus.TODO)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="tasks", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField(auto_now=True)

    tenant_id: UUID
    project_id: UUID
    created_by_id: UUID

    class Meta:
        table = "task"
        indexes = (("tenant", "created_at"), ("project", "created_at"))

"""Frozen records: the engine's immutable data classes, cheap to define.

``@record`` makes a class with annotated fields an immutable value, as ``@dataclass(frozen=True)``
does: construction by position or keyword with defaults (``field(default_factory=…)`` for a
mutable one), ``==`` and ``hash`` over the fields, a ``repr`` naming them, assignment and deletion
refused (``FrozenInstanceError``), and ``replace(obj, **changes)`` for a changed copy. Type
checkers read ``@record`` as a frozen dataclass (PEP 681, ``dataclass_transform``).

Why not dataclasses: importing it loads ``inspect`` (and ``ast``, ``dis``, ``tokenize``), and each
frozen dataclass compiles its six generated methods one by one, about half a millisecond a class.
The command line builds some twenty of these classes before it reads a file, which came to a
sixth of what `rapor score` took (docs/development.md, Benchmarks). A record compiles all its
methods in one go from the field names; it needs neither ``typing`` nor ``inspect``.

Not supported, because the engine needs none of it: inheritance between records, ``ClassVar``
or ``InitVar`` fields, keyword-only fields, ``__post_init__``.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform

    T = TypeVar("T")
else:

    def dataclass_transform(**_options):
        return lambda decorator: decorator


class FrozenInstanceError(AttributeError):
    """A field of a record was assigned or deleted."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _Field:
    __slots__ = ("default", "factory", "repr", "compare")

    def __init__(
        self, default: Any, factory: Callable[[], Any] | None, repr: bool, compare: bool
    ) -> None:
        self.default, self.factory, self.repr, self.compare = default, factory, repr, compare


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | None = None,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    """A field's default, or the factory of a fresh default; whether repr and == show it."""
    if default is not MISSING and default_factory is not None:
        raise ValueError("a field has a default or a default_factory, not both")
    return _Field(default, default_factory, repr, compare)


def _refuse_set(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


# repr, == and hash are the same functions for every record (they read the class's field lists);
# only __init__ is generated, so that it has the fields as its parameters.
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_shown__)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        key = self.__record_key__
        return key(self) == key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__record_key__(self))


def _no_key(obj: object) -> tuple[()]:
    return ()


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen record of its annotated fields (in the order written)."""
    if any("__record_fields__" in vars(base) for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: a record cannot inherit from another record")
    own = vars(cls)
    names = [
        name
        for name, note in own.get("__annotations__", {}).items()
        if not str(note).startswith(("ClassVar", "InitVar", "typing.ClassVar"))
    ]
    # Names in the generated code begin with two underscores: they cannot clash with a field.
    scope: dict[str, Any] = {"__missing": MISSING}
    params: list[str] = []
    body: list[str] = []
    shown: list[str] = []
    compared: list[str] = []
    for name in names:
        spec = own.get(name, MISSING)
        if not isinstance(spec, _Field):
            spec = _Field(spec, None, True, True)
        elif spec.default is MISSING:
            delattr(cls, name)  # no shared default on the class (a factory, or none)
        else:
            setattr(cls, name, spec.default)
        if spec.factory is not None:
            scope[f"__factory_{name}"] = spec.factory
            params.append(f"{name}=__missing")
            body.append(f" __d[{name!r}] = __factory_{name}() if {name} is __missing else {name}")
        else:
            if spec.default is not MISSING:
                scope[f"__default_{name}"] = spec.default
                params.append(f"{name}=__default_{name}")
            elif params and "=" in params[-1]:
                raise TypeError(
                    f"{cls.__name__}: field {name!r} without a default follows one with"
                )
            else:
                params.append(name)
            body.append(f" __d[{name!r}] = {name}")
        if spec.repr:
            shown.append(name)
        if spec.compare:
            compared.append(name)
    source = f"def __init__(self, {', '.join(params)}):\n __d = self.__dict__\n" + "\n".join(body)
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    attributes: dict[str, object] = {
        "__init__": init,
        "__repr__": _repr,
        "__eq__": _eq,
        "__hash__": _hash,
    }
    for name in list(attributes):
        if name in own:  # one the class defines itself stays
            del attributes[name]
    attributes.update(
        __setattr__=_refuse_set,
        __delattr__=_refuse_delete,
        __match_args__=tuple(names),
        __record_fields__=tuple(names),
        __record_shown__=tuple(shown),
        __record_key__=attrgetter(*compared) if compared else _no_key,
    )
    for name, value in attributes.items():
        setattr(cls, name, value)
    return cls


def fields(obj: object) -> tuple[str, ...]:
    """The field names of a record (or of a record class), in order."""
    names: tuple[str, ...] | None = vars(obj if isinstance(obj, type) else type(obj)).get(
        "__record_fields__"
    )
    if names is None:
        raise TypeError(f"{obj!r} is not a record")
    return names


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record ``obj`` with ``changes`` to some of its fields."""
    names = fields(obj)
    for name in changes:
        if name not in names:
            raise TypeError(f"{type(obj).__name__} has no field {name!r}")
    return type(obj)(**{name: changes.get(name, getattr(obj, name)) for name in names})

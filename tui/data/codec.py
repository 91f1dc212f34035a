"""Dataclasses to JSON-able values and back, derived from their type annotations.

The corpus cache stores the loaded :class:`~tui.data.corpus.Corpus`. Writing its encoder
and decoder by hand meant editing both whenever a dataclass gained a field, and the model
gains fields often. Here they are built, once per class, from the annotations: a new field
of a supported type needs no edit anywhere, and a field of an unsupported type fails loudly
when the codec is built (in the tests), never silently on a user's machine.

Supported: ``str``, ``int``, ``float``, ``bool``, ``None``, ``datetime.date``, ``Literal``
of strings, ``X | None``, unions of the above and of dataclasses, ``tuple[X, ...]``,
fixed tuples and ``NamedTuple``, ``list[X]``, ``dict[K, V]`` (and mappings, read as dicts),
and dataclasses of these.
Fields whose name starts with ``_`` are caches: not stored, left at their defaults.

Every string goes into one table and is stored as its index (ids repeat across reports,
citations and indexes; read back, they are shared again, as the loader shares them), so the
encoded value holds only numbers, booleans, nulls and lists. Nothing decoded runs code:
values are only ever passed to the annotated classes' constructors, and a value of the
wrong shape or type raises ``ValueError``/``TypeError``/``IndexError``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import sys
import types
import typing
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any, Literal, Union, get_args, get_origin

Encoder = Callable[[Any], Any]
# A mapping is stored as its pairs and read back as a dict.
_MAPPINGS = (dict, Mapping, MutableMapping)
Decoder = Callable[[Any], Any]


class Strings:
    """The string table: each distinct string once, referred to by index."""

    def __init__(self, strings: list[str] | None = None) -> None:
        self.strings: list[str] = strings if strings is not None else []
        # Each string's index; the encoders add to it alone (in C, see Codec._add), and
        # ``strings`` is brought up to date after each encode: a dict keeps its order.
        self._index: dict[str, int] = {}
        for value in self.strings:
            self._index.setdefault(value, len(self._index))
        if len(self._index) != len(self.strings):
            raise ValueError("a string table holds each string once")

    def add(self, value: str) -> int:
        index = self._index.setdefault(value, len(self._index))
        self._sync()
        return index

    def _sync(self) -> None:
        if len(self._index) > len(self.strings):
            self.strings.extend(itertools.islice(self._index, len(self.strings), None))


class Codec:
    """Encode and decode values of one annotated type against a string table."""

    def __init__(self, annotation: Any, supplied: tuple[str, ...] = ()) -> None:
        """``supplied``: fields of the top-level dataclass that are not stored but given to
        :meth:`decode` (the corpus's ``root``, a path on this machine)."""
        self._annotation = annotation
        self._supplied = supplied
        self._encoders: dict[Any, Encoder] = {}
        self._decoders: dict[Any, Decoder] = {}
        self._ids: dict[str, int] = {}  # the string table being encoded into
        self._add: Encoder = self._add_string  # one bound method: encoders are compared to it
        self._strings: list[str] = []
        self._encode: Encoder
        if supplied:
            self._encode = self._fields_encoder(*_stored_fields(annotation, supplied))
        else:
            self._encode = self._encoder(annotation)
        # Built once now, so that an unsupported type fails here.
        self._decode: Callable[..., Any] = (
            self._decoder(annotation)
            if not supplied
            else self._dataclass_decoder(annotation, supplied)
        )

    def encode(self, value: Any, table: Strings) -> Any:
        self._ids = table._index
        try:
            return self._encode(value)
        finally:
            table._sync()

    def _add_string(self, value: str) -> int:
        ids = self._ids
        return ids.setdefault(value, len(ids))

    def decode(self, data: Any, strings: list[str], **supplied: Any) -> Any:
        if set(supplied) != set(self._supplied):
            raise TypeError("decode is given exactly the supplied fields named when built")
        # The decoders, built once, look strings up in this one list: filled for each call
        # (the index decodes a row at a time, each with its own small table).
        self._strings[:] = strings
        try:
            return self._decode(data, **supplied)
        finally:
            self._strings.clear()

    # -- building ------------------------------------------------------------------------------

    def _encoder(self, annotation: Any) -> Encoder:
        key = _key(annotation)
        found = self._encoders.get(key)
        if found is None:
            # A placeholder first: a dataclass may (indirectly) contain itself.
            self._encoders[key] = lambda value: self._encoders[key](value)
            found = self._encoders[key] = self._make_encoder(annotation)
        return found

    def _decoder(self, annotation: Any) -> Decoder:
        key = _key(annotation)
        found = self._decoders.get(key)
        if found is None:
            self._decoders[key] = lambda data: self._decoders[key](data)
            found = self._decoders[key] = self._make_decoder(annotation)
        return found

    def _make_encoder(self, annotation: Any) -> Encoder:
        origin, args = get_origin(annotation), get_args(annotation)
        if annotation is str or (origin is Literal and _literal_of_str(args)):
            return self._add
        if annotation in (int, float, bool, type(None)):
            return _same
        if annotation is dt.date:
            return lambda value: value.toordinal()
        if _is_union(annotation):
            return self._union_encoder(args)
        if origin in (tuple, list) and (origin is list or (len(args) == 2 and args[1] is ...)):
            item = self._encoder(args[0])
            if item is _same:
                return list
            return lambda value: [item(v) for v in value]
        if origin is tuple or _is_namedtuple(annotation):
            parts = [self._encoder(a) for a in _tuple_types(annotation)]
            return lambda value: [enc(v) for enc, v in zip(parts, value, strict=True)]
        if origin in _MAPPINGS:
            key_enc, value_enc = self._encoder(args[0]), self._encoder(args[1])
            return lambda value: [x for k, v in value.items() for x in (key_enc(k), value_enc(v))]
        if dataclasses.is_dataclass(annotation):
            return self._fields_encoder(*_stored_fields(annotation))
        raise TypeError(f"the cache cannot store a value of type {annotation!r}")

    def _fields_encoder(self, names: list[str], types_: list[Any]) -> Encoder:
        """A dataclass's encoder, as Python source made from its field names: a string or a
        value stored as it is costs no call of its own (the index encodes a million)."""
        scope: dict[str, Any] = {"_self": self, "_len": len}
        parts: list[str] = []
        for n, (name, annotation) in enumerate(zip(names, types_, strict=True)):
            if not name.isidentifier():  # pragma: no cover - a dataclass field always is
                raise TypeError(f"not a field name: {name!r}")
            enc = self._encoder(annotation)
            field = f"value.{name}"
            if enc is _same:
                parts.append(field)
            elif enc is self._add:
                parts.append(f"_s({field}, _len(_i))")
            else:
                scope[f"_e{n}"] = enc
                parts.append(f"_e{n}({field})")
        source = (
            "def encode(value):\n"
            "    _i = _self._ids\n"
            "    _s = _i.setdefault\n"
            f"    return [{', '.join(parts)}]\n"
        )
        exec(source, scope)  # names and annotations of our own dataclasses: never data
        encode: Encoder = scope["encode"]
        return encode

    def _union_encoder(self, members: tuple[Any, ...]) -> Encoder:
        optional = type(None) in members
        rest = tuple(m for m in members if m is not type(None))
        if optional and len(rest) == 1:
            inner = self._encoder(rest[0])
            return lambda value: None if value is None else inner(value)
        # Tagged: [the member's index, its encoding]; checked in order, bool before int.
        checks = [(i, _runtime_class(m), self._encoder(m)) for i, m in enumerate(members)]

        def encode(value: Any) -> Any:
            for i, cls, enc in checks:
                if type(value) is cls or (cls is not int and isinstance(value, cls)):
                    return [i, enc(value)]
            raise TypeError(f"{value!r} is none of {members!r}")

        return encode

    def _make_decoder(self, annotation: Any) -> Decoder:
        # Decoders are made for one table (``S`` is its lookup, in C), and call nothing for
        # the fields that are stored as they are: a warm start decodes a million values.
        S = self._strings.__getitem__
        origin, args = get_origin(annotation), get_args(annotation)
        if annotation is str or (origin is Literal and _literal_of_str(args)):
            return S
        if annotation in (int, float, bool, type(None)):
            return _same
        if annotation is dt.date:
            return dt.date.fromordinal
        if _is_union(annotation):
            return self._union_decoder(args)
        if origin in (tuple, list) and (origin is list or (len(args) == 2 and args[1] is ...)):
            item = self._decoder(args[0])
            make: Callable[[Any], Any] = tuple if origin is tuple else list
            if item is _same:
                return lambda data: make(_list(data))
            return lambda data: make(map(item, data))  # a non-list: TypeError, or bad items
        if origin is tuple or _is_namedtuple(annotation):
            parts = [self._decoder(a) for a in _tuple_types(annotation)]
            build: Callable[..., Any] = annotation._make if _is_namedtuple(annotation) else tuple
            size = len(parts)
            convert = [(i, dec) for i, dec in enumerate(parts) if dec is not _same]
            if not convert and build is not tuple:
                return build  # NamedTuple._make: raises TypeError for another length
            if all(dec is S for dec in parts) and build is not tuple:
                return lambda data: build(map(S, data))

            def decode_tuple(data: Any) -> Any:
                if type(data) is not list or len(data) != size:
                    raise ValueError("a stored tuple of another shape")
                for i, dec in convert:
                    data[i] = dec(data[i])  # the list is the JSON's own, used once
                return build(data)

            return decode_tuple
        if origin in _MAPPINGS:
            key_dec, value_dec = self._decoder(args[0]), self._decoder(args[1])

            def decode_dict(data: Any) -> dict[Any, Any]:
                it = iter(_list(data))
                return {key_dec(k): value_dec(v) for k, v in zip(it, it, strict=True)}

            return decode_dict
        if dataclasses.is_dataclass(annotation):
            return self._dataclass_decoder(annotation)
        raise TypeError(f"the cache cannot store a value of type {annotation!r}")

    def _dataclass_decoder(self, cls: Any, supplied: tuple[str, ...] = ()) -> Decoder:
        names, types_ = _stored_fields(cls, supplied)
        # Fields up to the first one not stored are passed by position, the rest by name.
        init = [f.name for f in dataclasses.fields(cls) if f.init]
        positional = 0
        while positional < len(names) and init[positional] == names[positional]:
            positional += 1
        by_name = names[positional:]
        size = len(names)
        convert = [
            (i, dec) for i, dec in enumerate(self._decoder(t) for t in types_) if dec is not _same
        ]

        def decode_dataclass(data: Any, **given: Any) -> Any:
            if type(data) is not list or len(data) != size:
                raise ValueError("a stored value of another shape")
            for i, dec in convert:
                data[i] = dec(data[i])  # the list is the JSON's own, used once
            if by_name:
                given.update(zip(by_name, data[positional:], strict=True))
                return cls(*data[:positional], **given)
            return cls(*data, **given)

        return decode_dataclass

    def _union_decoder(self, members: tuple[Any, ...]) -> Decoder:
        optional = type(None) in members
        rest = tuple(m for m in members if m is not type(None))
        if optional and len(rest) == 1:
            inner = self._decoder(rest[0])
            return lambda data: None if data is None else inner(data)
        decs = [self._decoder(m) for m in members]

        def decode(data: Any) -> Any:
            index, value = _list(data)
            return decs[index](value)

        return decode


def _same(value: Any) -> Any:
    return value


def _list(data: Any) -> list[Any]:
    if type(data) is not list:
        raise TypeError("expected a list")
    return data


def _key(annotation: Any) -> Any:
    try:
        hash(annotation)
    except TypeError:
        return repr(annotation)
    return annotation


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) is Union or isinstance(annotation, types.UnionType)


def _literal_of_str(args: tuple[Any, ...]) -> bool:
    return all(isinstance(a, str) for a in args)


def _is_namedtuple(annotation: Any) -> bool:
    return (
        isinstance(annotation, type)
        and issubclass(annotation, tuple)
        and hasattr(annotation, "_fields")
    )


def _tuple_types(annotation: Any) -> list[Any]:
    if _is_namedtuple(annotation):
        hints = typing.get_type_hints(annotation)
        return [hints[name] for name in annotation._fields]
    return list(get_args(annotation))


def _runtime_class(annotation: Any) -> type:
    if annotation is type(None):
        return type(None)
    origin = get_origin(annotation)
    if origin is Literal:
        return str
    if isinstance(origin, type):
        return origin
    if isinstance(annotation, type):
        return annotation
    raise TypeError(f"the cache cannot tell apart the members of a union with {annotation!r}")


def _stored_fields(cls: Any, supplied: tuple[str, ...] = ()) -> tuple[list[str], list[Any]]:
    """The names and evaluated annotations of the fields that are stored (not ``_`` ones).

    Annotations are strings (``from __future__ import annotations``); each is evaluated in
    its class's module, field by field, so a private field annotated with a name imported
    only for type checking does not matter."""
    module = vars(sys.modules[cls.__module__])
    names: list[str] = []
    annotations: list[Any] = []
    for field in dataclasses.fields(cls):
        if field.name.startswith("_") or not field.init or field.name in supplied:
            continue
        annotation = field.type
        if isinstance(annotation, str):
            annotation = eval(annotation, module)  # our own source's annotations only
        names.append(field.name)
        annotations.append(annotation)
    return names, annotations

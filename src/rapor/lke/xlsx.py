"""A small, bounded, streaming reader of xlsx workbooks: values, formulas, number formats and
merged ranges, each with its position.

How this works: an xlsx file is a zip of XML parts. ``open_workbook`` checks the file's size and
its zip directory (``rapor.zipguard``) before anything is parsed, then reads the workbook part
(sheet names and where each sheet lives), the shared strings and the styles (only the number
format of each style: it tells a percentage or a date from a plain number). A sheet is parsed
only when asked for, with expat, as it streams out of the zip member, so a 1,000,000-row sheet
is refused at the first value beyond ``max_rows`` without being read to the end.

Why not openpyxl or python-calamine: openpyxl builds a full object model (a style object per
cell; ~0.15 s just to import) and was most of the time ``rapor score`` took on a workbook;
calamine is fast but allocates its grid densely from the used range, so a two-cell file with a
value in XFD1048576 makes it allocate hundreds of gigabytes and abort the whole process. This
reader is as fast as the LKE needs (a 2-block rb-2014 workbook in about 12 ms) and keeps
everything the messages need: sheet, cell, formula, number format.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.parsers import expat

from rapor.lke import reasons as R
from rapor.lke.limits import DEFAULT_LIMITS, WorkbookLimitError, WorkbookLimits
from rapor.lke.model import LkeError
from rapor.lke.xlsxsheet import (
    BUILTIN_FORMATS,
    EMPTY,
    Cell,
    Sheet,
    Value,
    is_date_format,
    parse_sheet,
)
from rapor.zipguard import ZipLimitError, check_zip

_MAIN_REL = "/officeDocument"
__all__ = ["EMPTY", "Cell", "Sheet", "Value", "Workbook", "is_date_format", "open_workbook"]


class Workbook:
    """An opened workbook; sheets are parsed on first use (``sheet(name)``) and kept."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        name: str,
        limits: WorkbookLimits,
        owned: IO[bytes] | None = None,
    ) -> None:
        self._zip = archive
        self._owned = owned
        self.name = name
        self.limits = limits
        self._sheets: dict[str, Sheet] = {}
        self.keep_columns: int | None = None
        """Keep only cells up to this column (set before the first sheet is read)."""
        wb_path = self._main_part()
        rels = self._rels(wb_path)
        self._paths, self.date1904 = self._read_workbook(wb_path, rels)
        self.sheet_names = list(self._paths)
        base = posixpath.dirname(wb_path)
        self._strings = self._read_strings(
            self._target(rels, "/sharedStrings", posixpath.join(base, "sharedStrings.xml"))
        )
        self._formats = self._read_styles(
            self._target(rels, "/styles", posixpath.join(base, "styles.xml"))
        )

    # -- the parts ------------------------------------------------------------------------------
    def _part(self, path: str) -> IO[bytes] | None:
        try:
            return self._zip.open(path.lstrip("/"))
        except KeyError:
            return None

    def _parse(self, path: str, start: Any, end: Any = None, text: Any = None) -> bool:
        stream = self._part(path)
        if stream is None:
            return False
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        try:
            with stream:
                parser.ParseFile(stream)
        except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError) as exc:
            raise LkeError(R.BAD_PART, file=self.name, part=path, error=str(exc)) from None
        return True

    def _rels(self, path: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, target path) of a part."""
        folder, leaf = posixpath.split(path)
        rels: dict[str, tuple[str, str]] = {}

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag.endswith("Relationship") and "Id" in attrs:
                target = attrs.get("Target", "")
                if not target.startswith("/"):
                    target = posixpath.normpath(posixpath.join(folder, target))
                rels[attrs["Id"]] = (attrs.get("Type", ""), target.lstrip("/"))

        self._parse(posixpath.join(folder, "_rels", leaf + ".rels"), start)
        return rels

    def _main_part(self) -> str:
        for kind, target in self._rels("").values():
            if kind.endswith(_MAIN_REL):
                return target
        return "xl/workbook.xml"

    @staticmethod
    def _target(rels: dict[str, tuple[str, str]], kind: str, default: str) -> str:
        return next((t for k, t in rels.values() if k.endswith(kind)), default)

    def _read_workbook(
        self, path: str, rels: dict[str, tuple[str, str]]
    ) -> tuple[dict[str, str], bool]:
        sheets: dict[str, str] = {}
        date1904 = [False]

        def start(tag: str, attrs: dict[str, str]) -> None:
            local = tag.rsplit(" ", 1)[-1]
            if local == "sheet":
                rid = next((v for k, v in attrs.items() if k.rsplit(" ", 1)[-1] == "id"), "")
                kind, target = rels.get(rid, ("", ""))
                if target and kind.endswith("/worksheet"):
                    sheets[attrs.get("name", target)] = target
            elif local == "workbookPr":
                date1904[0] = attrs.get("date1904", "0") in ("1", "true")

        if not self._parse(path, start):
            raise LkeError(R.NOT_XLSX, file=self.name, error="no workbook part")
        return sheets, date1904[0]

    def _read_strings(self, path: str) -> list[str]:
        strings: list[str] = []
        parts: list[str] = []
        depth = {"t": 0, "rPh": 0}
        limit = self.limits.max_cell_chars

        def start(tag: str, attrs: dict[str, str]) -> None:
            local = tag.rsplit(" ", 1)[-1]
            if local in depth:
                depth[local] += 1
            elif local == "si":
                parts.clear()

        def end(tag: str) -> None:
            local = tag.rsplit(" ", 1)[-1]
            if local in depth:
                depth[local] -= 1
            elif local == "si":
                text = "".join(parts)
                if len(text) > limit:
                    raise WorkbookLimitError(
                        R.LONG_SHARED_TEXT,
                        file=self.name,
                        number=len(strings) + 1,
                        length=len(text),
                        limit=limit,
                    )
                strings.append(text)

        def text(data: str) -> None:
            if depth["t"] and not depth["rPh"]:
                parts.append(data)

        self._parse(path, start, end, text)
        return strings

    def _read_styles(self, path: str) -> list[str]:
        """The number format code of each cell style (``cellXfs``), by index."""
        custom: dict[int, str] = {}
        formats: list[str] = []
        inside = [False]

        def start(tag: str, attrs: dict[str, str]) -> None:
            local = tag.rsplit(" ", 1)[-1]
            if local == "numFmt":
                number = attrs.get("numFmtId", "")
                if number.isdigit():
                    custom[int(number)] = attrs.get("formatCode", "General")
            elif local == "cellXfs":
                inside[0] = True
            elif local == "xf" and inside[0]:
                try:
                    number = int(attrs.get("numFmtId", "0"))
                except ValueError:
                    number = 0
                formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))

        def end(tag: str) -> None:
            if tag.rsplit(" ", 1)[-1] == "cellXfs":
                inside[0] = False

        self._parse(path, start, end)
        return formats

    # -- sheets ---------------------------------------------------------------------------------
    def sheet(self, name: str) -> Sheet:
        if name not in self._sheets:
            path = self._paths[name]
            stream = self._part(path)
            if stream is None:
                raise LkeError(R.BAD_PART, file=self.name, part=path, error="missing")
            try:
                with stream:
                    self._sheets[name] = parse_sheet(
                        stream,
                        name=name,
                        file=self.name,
                        strings=self._strings,
                        formats=self._formats,
                        date1904=self.date1904,
                        limits=self.limits,
                        keep_columns=self.keep_columns,
                    )
            except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError) as exc:
                raise LkeError(R.BAD_PART, file=self.name, part=path, error=str(exc)) from None
        return self._sheets[name]

    def sheets(self) -> Iterator[Sheet]:
        for name in self.sheet_names:
            yield self.sheet(name)

    def close(self) -> None:
        self._zip.close()
        if self._owned is not None:
            self._owned.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workbook(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    name: str | None = None,
    limits: WorkbookLimits = DEFAULT_LIMITS,
) -> Workbook:
    """Open an xlsx file (a path or a binary file object) within ``limits``."""
    label = name or (os.fspath(source) if isinstance(source, str | os.PathLike) else "workbook")
    try:
        if isinstance(source, str | os.PathLike):
            size = os.path.getsize(source)
            handle: IO[bytes] = open(source, "rb")  # noqa: SIM115 - owned by the ZipFile
        else:
            handle = source
            size = handle.seek(0, io.SEEK_END)
            handle.seek(0)
    except FileNotFoundError:
        raise LkeError(R.FILE_NOT_FOUND, file=label) from None
    except OSError as exc:
        raise LkeError(R.NOT_XLSX, file=label, error=exc.strerror or str(exc)) from None
    try:
        if size > limits.max_file_bytes:
            raise WorkbookLimitError(
                R.FILE_TOO_LARGE, file=label, size=size, limit=limits.max_file_bytes
            )
        try:
            check_zip(handle, limits=limits.zip)
        except ZipLimitError as exc:
            if exc.reason.startswith("not a valid zip"):
                raise LkeError(R.NOT_XLSX, file=label, error=str(exc)) from None
            raise WorkbookLimitError(
                R.ZIP_LIMIT,
                file=label,
                error=str(exc),
                zip_reason=exc.reason,
                zip_details=exc.details,
            ) from None
        handle.seek(0)
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError) as exc:
            raise LkeError(R.NOT_XLSX, file=label, error=str(exc)) from None
        owned = handle if isinstance(source, str | os.PathLike) else None
        try:
            return Workbook(archive, label, limits, owned)
        except BaseException:
            archive.close()
            raise
    except BaseException:
        if isinstance(source, str | os.PathLike):
            handle.close()
        raise

"""The SKM questionnaire of PermenPANRB 14/2017: nine unsur, each with its question and the labels
of its four answers (1 worst … 4 best), kept by code. Published forms differ in the order of U8 and
U9; this form asks them in code order, and answers are stored by code whatever the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from rapor.engine.skm import CODES


@dataclass(frozen=True)
class Unsur:
    code: str
    name: Any
    question: Any
    labels: tuple[Any, Any, Any, Any]
    """The answers 1, 2, 3, 4."""

    @property
    def field(self) -> str:
        return self.code.lower()


QUESTIONNAIRE: tuple[Unsur, ...] = (
    Unsur(
        "U1",
        _("Persyaratan"),
        _("Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Unsur(
        "U2",
        _("Sistem, Mekanisme, dan Prosedur"),
        _("Bagaimana kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    Unsur(
        "U3",
        _("Waktu Penyelesaian"),
        _("Bagaimana kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    Unsur(
        "U4",
        _("Biaya/Tarif"),
        _("Bagaimana kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    Unsur(
        "U5",
        _("Produk Spesifikasi Jenis Pelayanan"),
        _("Bagaimana kesesuaian hasil pelayanan dengan yang tercantum dalam standar pelayanan?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Unsur(
        "U6",
        _("Kompetensi Pelaksana"),
        _("Bagaimana kemampuan petugas dalam memberikan pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    Unsur(
        "U7",
        _("Perilaku Pelaksana"),
        _("Bagaimana kesopanan dan keramahan petugas dalam memberikan pelayanan?"),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
    ),
    Unsur(
        "U8",
        _("Penanganan Pengaduan, Saran dan Masukan"),
        _("Bagaimana penanganan pengaduan, saran dan masukan pengguna layanan?"),
        (
            _("Tidak ada"),
            _("Ada tetapi tidak berfungsi"),
            _("Berfungsi kurang maksimal"),
            _("Dikelola dengan baik"),
        ),
    ),
    Unsur(
        "U9",
        _("Sarana dan Prasarana"),
        _("Bagaimana kualitas sarana dan prasarana pelayanan?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
)
UNSUR_NAMES: dict[str, Any] = {u.code: u.name for u in QUESTIONNAIRE}
assert tuple(UNSUR_NAMES) == CODES, "the questionnaire follows the engine's unsur codes"

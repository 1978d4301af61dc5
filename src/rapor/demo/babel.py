"""Demo facts: Provinsi Kepulauan Bangka Belitung, its regions and Kota Pangkalpinang's OPDs, who
owns which indicator of rb-2023-kabkota, and the (invented) progress of the 2024 cycle.

Region and agency names are real (see the project's babel notes); person names are invented and
carry position titles only. Region codes are given only where confirmed.
"""

from __future__ import annotations

PROVINCE = ("Provinsi Kepulauan Bangka Belitung", "Babel", "19")
KOTA = ("Kota Pangkalpinang", "Pangkalpinang", "19.71")
KABUPATEN = [
    ("Kabupaten Bangka", "Bangka"),
    ("Kabupaten Bangka Barat", "Babar"),
    ("Kabupaten Bangka Tengah", "Bateng"),
    ("Kabupaten Bangka Selatan", "Basel"),
    ("Kabupaten Belitung", "Belitung"),
    ("Kabupaten Belitung Timur", "Beltim"),
]

# (name, short name, units)
PANGKALPINANG_OPDS: list[tuple[str, str, list[str]]] = [
    ("Sekretariat Daerah", "Setda", []),
    ("Sekretariat DPRD", "Setwan", []),
    ("Inspektorat", "Inspektorat", []),
    ("Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan", "Bappeda Litbang", []),
    ("Badan Keuangan Daerah", "Bakeuda", []),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah", "BKPSDMD", []),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", []),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", []),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", []),
    ("Dinas Penanaman Modal, Pelayanan Terpadu Satu Pintu dan Tenaga Kerja", "DPMPTSP Naker", []),
    ("Dinas Pendidikan dan Kebudayaan", "Dindikbud", []),
    ("Dinas Kesehatan", "Dinkes", ["Puskesmas Gerunggang", "Puskesmas Selindung"]),
    ("Dinas Sosial", "Dinsos", []),
    ("Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", "DP3AKB", []),
    ("Dinas Lingkungan Hidup", "DLH", []),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR", []),
    ("Dinas Perhubungan", "Dishub", []),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", []),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", []),
    ("Dinas Pemuda dan Olahraga", "Dispora", []),
    ("Dinas Pariwisata", "Dispar", []),
    ("Dinas Pangan dan Pertanian", "Dinas Pangan dan Pertanian", []),
    ("Dinas Koperasi, Perdagangan dan UMKM", "Dinas Koperasi dan UMKM", []),
    ("Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "Satpol PP dan Damkar", []),
    ("RSUD Depati Hamzah", "RSUD Depati Hamzah", []),
    *[
        (f"Kecamatan {k}", f"Kec. {k}", [])
        for k in (
            "Bukit Intan",
            "Gabek",
            "Gerunggang",
            "Girimaya",
            "Pangkalbalam",
            "Rangkui",
            "Taman Sari",
        )
    ],
]

# Every other region gets the OPDs every Pemda has, so that its cycle can be assigned.
COMMON_OPDS = [("Sekretariat Daerah", "Setda"), ("Inspektorat", "Inspektorat")]

# username, first name, last name, role, where (short name of the OPD, or "kota"/"provinsi"), position
PEOPLE = [
    ("pimpinan", "Hendra", "Saputra", "pimpinan", "kota", "Wali Kota (demo)"),
    ("timrb", "Rina", "Marlina", "tim_rb", "kota", "Koordinator Tim RB, Sekretariat Daerah"),
    ("inspektorat", "Siti", "Rahmawati", "inspektorat", "kota", "Auditor Ahli Madya, Inspektorat"),
    ("diskominfo", "Agus", "Salim", "tim_opd", "Diskominfo", "Pranata Komputer, Tim OPD"),
    ("evaluator", "Yusuf", "Hakim", "evaluator", "provinsi", "Evaluator RB Provinsi"),
    ("admin", "Dewi", "Lestari", "admin", "provinsi", "Operator Rapor"),
    # more OPD team members (they receive assignments; not listed as role logins)
    ("disdukcapil", "Andi", "Pratama", "tim_opd", "Disdukcapil", "Sekretaris Dinas, Tim OPD"),
    ("dpmptsp", "Fajar", "Nugroho", "tim_opd", "DPMPTSP Naker", "Kepala Bidang Pelayanan, Tim OPD"),
    ("bkpsdmd", "Maya", "Anggraini", "tim_opd", "BKPSDMD", "Analis SDM Aparatur, Tim OPD"),
    ("bappeda", "Rudi", "Hartono", "tim_opd", "Bappeda Litbang", "Perencana Ahli Muda, Tim OPD"),
    ("setda", "Lina", "Susanti", "tim_opd", "Setda", "Analis Kelembagaan, Tim OPD"),
    (
        "inspektorat.opd",
        "Wahyu",
        "Setiawan",
        "tim_opd",
        "Inspektorat",
        "Sekretaris Inspektorat, Tim OPD",
    ),
    ("bakeuda", "Nur", "Aini", "tim_opd", "Bakeuda", "Kepala Subbidang Akuntansi, Tim OPD"),
]
ROLE_LOGINS = ["pimpinan", "timrb", "diskominfo", "inspektorat", "evaluator", "admin"]

# The agency (OPD) of Kota Pangkalpinang that owns each indicator of rb-2023-kabkota, picked from
# the instrument's typical owner. A Bagian of the Setda is the Setda (its Bagian names in
# Pangkalpinang are not confirmed); of two owners named "X / Y" the one that does the work in the
# demo story is taken (stunting digitalisation: Diskominfo).
OWNER_OPDS = {
    "Bagian Organisasi Setda": "Setda",
    "Bagian Organisasi Setda / Bappeda": "Setda",
    "Bagian Hukum Setda": "Setda",
    "Bagian Pengadaan Barang/Jasa Setda": "Setda",
    "Bagian Perekonomian Setda": "Setda",
    "semua OPD pelayanan (koordinasi Bagian Organisasi)": "Setda",
    "Inspektorat": "Inspektorat",
    "Dinas Komunikasi dan Informatika": "Diskominfo",
    "Dinas Kesehatan / Dinas Komunikasi dan Informatika": "Diskominfo",
    "Dinas Perpustakaan dan Kearsipan": "Dispusip",
    "Badan Kepegawaian dan Pengembangan SDM": "BKPSDMD",
    "DPMPTSP (Mal Pelayanan Publik)": "DPMPTSP Naker",
    "DPMPTSP (Mal Pelayanan Publik) dan semua unit layanan": "DPMPTSP Naker",
    "DPMPTSP": "DPMPTSP Naker",
    "Bappeda": "Bappeda Litbang",
    "Bappeda / Dinas Sosial": "Bappeda Litbang",
    "Badan Keuangan Daerah": "Bakeuda",
}

# The 2024 cycle (DATA CONTOH): what each OPD has done by today, per indicator.
# (state, value, due in days from today). state: "draft" (answered, not sent), "submitted" (sent
# to the Tim RB), "accepted" (by the Tim RB, waiting for the Inspektorat), "verified", "returned"
# (with the note below), "open" (nothing done). value: an invented value for the city's own work,
# "confirm" to confirm the value carried over from 2023 (the real one), None to leave it as it is.
PROGRESS_2024: dict[str, tuple[str, str | None, int]] = {
    # the city's own work: invented progress
    "G.A.1": ("accepted", "3", -10),
    "G.A.2": ("draft", "40", 9),
    "G.B.H.4": ("open", None, -4),
    "G.B.H.6": ("returned", "2", -2),
    "T.A.R.K": ("submitted", "0.4", 3),
    "T.A.R.I": ("accepted", "0.4", -5),
    "T.A.R.S": ("submitted", "0.4", 3),
    "T.A.R.P": ("open", None, 9),
    "T.A.R.F": ("open", None, 9),
    "T.A.O.K": ("draft", "50", 9),
    "T.A.O.I": ("submitted", "60", 3),
    "T.A.O.S": ("draft", "30", 2),
    "T.A.O.P": ("open", None, 20),
    "T.A.O.F": ("open", None, 20),
    "T.B.K": ("open", None, 20),
    "T.B.I": ("draft", "1.2", 20),
    "T.B.S": ("open", None, 20),
    "T.B.P": ("open", None, 20),
    "T.B.F": ("open", None, 20),
    # values other bodies measure: the 2023 value carried over, confirmed or not yet
    "G.B.H.1": ("accepted", "confirm", -8),
    "G.B.H.2": ("submitted", "confirm", 3),
    "G.B.H.3": ("verified", "confirm", -12),
    "G.B.H.5": ("open", None, 9),
    "G.B.H.7": ("open", None, -6),
    "G.B.H.8": ("open", None, -6),
    "G.B.H.9": ("submitted", "confirm", 3),
    "G.B.H.10": ("open", None, 9),
    "G.B.H.11": ("accepted", "confirm", -3),
    "G.B.H.12": ("open", None, 20),
    "G.B.S.1": ("returned", "confirm", 3),
    "G.B.S.2": ("open", None, 9),
    "G.B.S.3": ("accepted", "confirm", -8),
    "G.C.H.1": ("open", None, 2),
    "G.C.H.2": ("submitted", "confirm", 3),
    "G.C.H.3": ("open", None, 9),
    "G.C.H.4": ("verified", "confirm", -12),
    "G.C.H.5": ("accepted", "confirm", -5),
    "G.C.S.1": ("open", None, 9),
    "G.C.S.2": ("open", None, -4),
    "G.C.S.3": ("open", None, 9),
}

RETURN_NOTES = {
    "G.B.H.6": "Arsitektur SPBE belum ditetapkan dengan Peraturan Wali Kota; unggah Perwal yang "
    "sudah diundangkan.",
    "G.B.S.1": "Nilai Indeks Sistem Merit masih hasil 2023; lampirkan hasil evaluasi terbaru "
    "dari KASN.",
}

# Questions of 2023 with a document attached (carried over to 2024, to be confirmed again).
EVIDENCE_2023 = {
    "G.B.H.5": "LHE SAKIP 2023 (dokumen contoh)",
    "G.C.H.4": "LHP BPK atas LKPD 2022 (dokumen contoh)",
    "G.C.S.3": "Laporan SKM 2023 (dokumen contoh)",
}

"""Demo facts: Provinsi Kepulauan Bangka Belitung, its regions and Kota Pangkalpinang's OPDs.

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
    ("disdukcapil", "Andi", "Pratama", "tim_opd", "Disdukcapil", "Sekretaris Dinas, Tim OPD"),
    ("inspektorat", "Siti", "Rahmawati", "inspektorat", "kota", "Auditor Ahli Madya, Inspektorat"),
    ("evaluator", "Yusuf", "Hakim", "evaluator", "provinsi", "Evaluator RB Provinsi"),
    ("admin", "Dewi", "Lestari", "admin", "provinsi", "Operator Rapor"),
    # more OPD team members (they receive assignments; not listed as role logins)
    ("dpmptsp", "Fajar", "Nugroho", "tim_opd", "DPMPTSP Naker", "Kepala Bidang Pelayanan, Tim OPD"),
    ("bkpsdmd", "Maya", "Anggraini", "tim_opd", "BKPSDMD", "Analis SDM Aparatur, Tim OPD"),
    ("bappeda", "Rudi", "Hartono", "tim_opd", "Bappeda Litbang", "Perencana Ahli Muda, Tim OPD"),
    ("setda", "Lina", "Susanti", "tim_opd", "Setda", "Analis Kelembagaan, Tim OPD"),
    ("diskominfo", "Agus", "Salim", "tim_opd", "Diskominfo", "Pranata Komputer, Tim OPD"),
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
ROLE_LOGINS = ["pimpinan", "timrb", "disdukcapil", "inspektorat", "evaluator", "admin"]

# Which OPD answers which area of change (rb-2020-pemda area codes), and the Hasil indicators.
AREA_OPDS = {
    "MP": "Setda",
    "DK": "Setda",
    "OR": "Setda",
    "TL": "Diskominfo",
    "SDM": "BKPSDMD",
    "AK": "Bappeda Litbang",
    "PW": "Inspektorat",
    "PP": "DPMPTSP Naker",
}
NODE_OPDS = {
    "PM.PP": "Disdukcapil",
    "H.AKK.1": "Bappeda Litbang",
    "H.AKK.2": "Bakeuda",
    "H.KPP.1": "DPMPTSP Naker",
    "H.BKK.1": "Inspektorat",
    "H.KO.1": "Bappeda Litbang",
}

# Other regions' 2024 cycles: (short name, stage, share answered, answer strength 0..1).
# Fictional demo values: no published results exist for these regions.
OTHER_CYCLES = [
    ("Babel", "verification", 0.9, 0.75),
    ("Bangka", "submitted", 1.0, 0.8),
    ("Babar", "review", 0.8, 0.62),
    ("Bateng", "submitted", 1.0, 0.74),
    ("Basel", "self_assessment", 0.55, 0.7),
    ("Belitung", "verification", 0.95, 0.68),
    ("Beltim", "preparation", 0.0, 0.0),
]

RETURN_NOTES = [
    "SK belum ditandatangani; unggah versi final yang sudah bernomor.",
    "Bukti dukung tahun 2023, bukan 2024. Mohon ganti dengan dokumen tahun berjalan.",
    "Jawaban tidak sesuai bukti: laporan monev hanya satu semester.",
]

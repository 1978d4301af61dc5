"""Demo of the SKM survey: the Mal Pelayanan Publik of Kota Pangkalpinang (real facts: soft launch
17 September 2024 on the 2nd floor of Ruko Destar Point, Jalan Soekarno Hatta, run by DPMPTSP
Naker; the agencies named at the soft launch and in the 2024 plan, 18 in all), with fictional
services (labelled DATA CONTOH), fictional responses from the launch to today with an IKM that
rises as the MPP settles in, population counts, follow-up, publications, a kiosk, and the link of
this year's IKM into Pangkalpinang's open RB cycle.

Responses and figures are invented: the MPP's real SKM results are not public. The generator has
its own seed, so the rest of the demo does not shift when this part changes.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from django.utils import timezone

from rapor.assessments.models import Cycle
from rapor.orgs.models import Organisation
from rapor.surveys.domain.catalogue import mpp_create
from rapor.surveys.domain.followup import (
    followup_create,
    followup_update,
    population_set,
    publication_add,
)
from rapor.surveys.domain.links import admits_ikm, is_suggested, link_create
from rapor.surveys.models import (
    AgeGroup,
    Agency,
    Counter,
    Education,
    FollowUp,
    Kiosk,
    Mpp,
    Occupation,
    Publication,
    Rejection,
    Response,
    Service,
    Sex,
)
from rapor.surveys.periods import period_of, recent_periods

MPP_NAME = "Mal Pelayanan Publik Kota Pangkalpinang"
OPENED = dt.date(2024, 9, 17)
MPP_LOGINS = ["dpmptsp"]  # the MPP manager (Tim OPD of DPMPTSP Naker, which runs the MPP)

# (agency, short name, short name of the Pemda's OPD or "" for an outside body, fictional services
# as (name, time, cost, product)). Agency names are real; the services are DATA CONTOH.
AGENCIES: list[tuple[str, str, str, list[tuple[str, str, str, str]]]] = [
    (
        "Dinas Penanaman Modal, Pelayanan Terpadu Satu Pintu dan Tenaga Kerja",
        "DPMPTSP Naker",
        "DPMPTSP Naker",
        [
            ("Perizinan berusaha (NIB) berbasis risiko", "1 hari kerja", "Gratis", "NIB"),
            ("Kartu pencari kerja (AK/I)", "1 hari kerja", "Gratis", "Kartu AK/I"),
            ("Persetujuan bangunan gedung (PBG)", "14 hari kerja", "Sesuai retribusi", "PBG"),
        ],
    ),
    (
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        "Disdukcapil",
        [
            ("Perekaman dan pencetakan KTP-el", "1 hari kerja", "Gratis", "KTP-el"),
            ("Kartu keluarga baru atau perubahan", "1 hari kerja", "Gratis", "Kartu Keluarga"),
            ("Akta kelahiran", "1 hari kerja", "Gratis", "Akta kelahiran"),
        ],
    ),
    (
        "Badan Keuangan Daerah",
        "Bakeuda",
        "Bakeuda",
        [("Pembayaran dan informasi PBB-P2", "15 menit", "Sesuai ketetapan", "Tanda bayar")],
    ),
    (
        "Dinas Sosial",
        "Dinsos",
        "Dinsos",
        [("Surat keterangan tidak mampu / DTKS", "1 hari kerja", "Gratis", "Surat keterangan")],
    ),
    (
        "Dinas Pendidikan dan Kebudayaan",
        "Dindikbud",
        "Dindikbud",
        [("Legalisir ijazah", "1 hari kerja", "Gratis", "Ijazah terlegalisir")],
    ),
    (
        "Dinas Kesehatan",
        "Dinkes",
        "Dinkes",
        [("Izin praktik tenaga kesehatan", "5 hari kerja", "Gratis", "Surat izin praktik")],
    ),
    (
        "Perumda Air Minum Tirta Pinang",
        "Tirta Pinang",
        "",
        [("Sambungan baru air minum", "7 hari kerja", "Sesuai tarif", "Sambungan")],
    ),
    (
        "PT PLN (Persero)",
        "PLN",
        "",
        [("Pengaduan dan informasi listrik", "30 menit", "Gratis", "Tanda terima")],
    ),
    (
        "Kementerian Agama",
        "Kemenag",
        "",
        [("Informasi pendaftaran haji", "30 menit", "Gratis", "Informasi")],
    ),
    (
        "Kantor Pertanahan (ATR/BPN)",
        "ATR/BPN",
        "",
        [("Informasi dan pengecekan sertipikat tanah", "1 hari kerja", "Sesuai PNBP", "Informasi")],
    ),
    (
        "Bank SumselBabel",
        "Bank SumselBabel",
        "",
        [("Pembukaan rekening tabungan", "30 menit", "Gratis", "Buku tabungan")],
    ),
    (
        "Samsat",
        "Samsat",
        "",
        [("Pembayaran pajak kendaraan tahunan", "30 menit", "Sesuai PKB", "STNK disahkan")],
    ),
    (
        "Kantor Imigrasi",
        "Imigrasi",
        "",
        [("Permohonan paspor", "4 hari kerja", "Sesuai PNBP", "Paspor")],
    ),
    (
        "BPJS Kesehatan",
        "BPJS Kesehatan",
        "",
        [("Pendaftaran dan perubahan data peserta JKN", "1 jam", "Gratis", "Kartu JKN")],
    ),
    (
        "BPJS Ketenagakerjaan",
        "BPJS Ketenagakerjaan",
        "",
        [("Klaim jaminan hari tua", "5 hari kerja", "Gratis", "Pencairan JHT")],
    ),
    (
        "Badan Pengawas Obat dan Makanan (BPOM)",
        "BPOM",
        "",
        [("Konsultasi izin edar pangan olahan", "1 jam", "Gratis", "Informasi")],
    ),
    (
        "Kantor Pos",
        "Pos Indonesia",
        "",
        [("Pengiriman dokumen", "15 menit", "Sesuai tarif", "Resi")],
    ),
    (
        "Bank Rakyat Indonesia (BRI)",
        "BRI",
        "",
        [("Informasi kredit usaha rakyat", "30 menit", "Gratis", "Informasi")],
    ),
]
REQUIREMENTS = (
    "Kartu identitas (KTP-el)\nFormulir permohonan\nDokumen pendukung sesuai jenis layanan"
)

# How good each unsur is at the start (mean answer) and how much it improves by now; U8
# (complaint handling) starts weakest, U4 (cost) strongest: most services are free.
START = {
    "U1": 3.1,
    "U2": 3.0,
    "U3": 2.85,
    "U4": 3.6,
    "U5": 3.1,
    "U6": 3.15,
    "U7": 3.3,
    "U8": 2.7,
    "U9": 3.0,
}
GAIN = 0.65
SUGGESTIONS = [
    "Antrean di pagi hari terlalu panjang, mohon tambah petugas.",
    "Ruang tunggu kurang sejuk, AC sering mati.",
    "Petugas ramah dan cepat, terima kasih.",
    "Mohon informasi persyaratan dipasang lebih jelas di depan gerai.",
    "Kotak pengaduan tidak ada yang menanggapi.",
    "Parkir sempit, sulit mencari tempat.",
    "Pelayanan sudah bagus, pertahankan.",
    "Nomor antrean online sering tidak sesuai dengan panggilan.",
    "Tambahkan kursi prioritas untuk lansia.",
]


def _answer(mean: float, rng: random.Random) -> int | None:
    if rng.random() < 0.04:
        return None  # skipped
    return max(1, min(4, round(rng.gauss(mean, 0.6))))


def _working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def build_catalogue(orgs: dict[str, Organisation], by: Any) -> tuple[Mpp, list[Service]]:
    kota = orgs["kota"]
    opds = {o.short_name: o for o in Organisation.objects.filter(parent=kota, kind="opd")}
    mpp = mpp_create(
        pemda=kota,
        operator=opds["DPMPTSP Naker"],
        name=MPP_NAME,
        address="Lantai 2 Ruko Destar Point, Jalan Soekarno Hatta, Pangkalpinang",
        opened_on=OPENED,
        is_demo=True,
        by=by,
    )
    services = []
    for order, (name, short, opd, offered) in enumerate(AGENCIES, 1):
        agency = Agency.objects.create(
            mpp=mpp, name=name, short_name=short, organisation=opds.get(opd), order=order
        )
        counter = Counter.objects.create(mpp=mpp, agency=agency, name=f"Gerai {short}", order=order)
        for n, (service, time, cost, product) in enumerate(offered, 1):
            services.append(
                Service.objects.create(
                    counter=counter,
                    name=service,
                    requirements=REQUIREMENTS,
                    duration=time,
                    cost=cost,
                    product=product,
                    is_example=True,
                    order=n,
                )
            )
    Kiosk.objects.create(mpp=mpp, name="Kios lobi", created_by=by)
    return mpp, services


def build_responses(mpp: Mpp, services: list[Service], today: dt.date, rng: random.Random) -> None:
    days = _working_days(OPENED, today)
    tz = timezone.get_current_timezone()
    offsets = {s.pk: rng.uniform(-0.25, 0.2) for s in services}
    now = timezone.now()
    profile = {  # each with "" for a respondent who left it empty
        "age_group": [*AgeGroup.values, ""],
        "sex": [*Sex.values, ""],
        "education": [*Education.values, ""],
        "occupation": [*Occupation.values, ""],
    }
    rows = []
    for i, day in enumerate(days):
        progress = i / max(1, len(days) - 1)
        for _ in range(rng.randint(1, 5)):
            service = rng.choice(services)
            at = dt.datetime.combine(day, dt.time(8, 0), tzinfo=tz) + dt.timedelta(
                minutes=rng.randint(0, 7 * 60)
            )
            if at > now:
                continue
            means = {c: START[c] + GAIN * progress + offsets[service.pk] for c in START}
            answers = {c.lower(): _answer(m, rng) for c, m in means.items()}
            if not any(v is not None for v in answers.values()):
                answers["u1"] = 3
            rows.append(
                Response(
                    mpp=mpp,
                    agency_id=service.counter.agency_id,
                    counter_id=service.counter_id,
                    service=service,
                    submitted_at=at,
                    submission_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    **{field: rng.choice(codes) for field, codes in profile.items()},
                    suggestion=rng.choice(SUGGESTIONS) if rng.random() < 0.08 else "",
                    **answers,
                )
            )
    Response.objects.bulk_create(rows, batch_size=500)
    # what the guards refused (counted, never stored): a little of each, on random days
    reasons = ["too_fast", "honeypot", "duplicate", "rate_limited", "invalid"]
    refused = {(rng.choice(days), rng.choice(reasons)) for _ in range(40)}
    Rejection.objects.bulk_create(
        Rejection(mpp_key=mpp.pk, day=day, reason=reason, hits=rng.randint(1, 4))
        for day, reason in refused
    )


def build_follow_up(mpp: Mpp, today: dt.date, by: Any, rng: random.Random) -> None:
    quarters = recent_periods("quarter", today, 4)
    for n, q in enumerate(quarters):
        population_set(
            mpp=mpp,
            period=q.key,
            population=rng.randint(3800, 6200),
            source="Rekap nomor antrean MPP (DATA CONTOH)",
            by=by,
        )
        if n < len(quarters) - 1:  # past quarters were published
            publication_add(
                mpp=mpp,
                period=q.key,
                medium=Publication.Medium.BOARD,
                where="Papan informasi lobi MPP (DATA CONTOH)",
                published_on=q.end + dt.timedelta(days=10),
                by=by,
            )
    last, now = quarters[-2], quarters[-1]
    dpm = Agency.objects.get(mpp=mpp, short_name="DPMPTSP Naker")
    done = followup_create(
        mpp=mpp,
        by=by,
        period=last.key,
        source=FollowUp.Source.UNSUR,
        unsur="U8",
        action="Menunjuk petugas pengelola pengaduan dan memasang papan alur pengaduan",
        owner="Kepala Bidang Pelayanan, DPMPTSP Naker",
        agency=dpm,
        due_date=last.end + dt.timedelta(days=20),
    )
    followup_update(
        item=done, status=FollowUp.Status.DONE, done_on=last.end + dt.timedelta(days=12), by=by
    )
    suggestion = (
        Response.objects.filter(mpp=mpp, submitted_at__date__gte=now.start)
        .exclude(suggestion="")
        .first()
    )
    if suggestion is not None:
        followup_create(
            mpp=mpp,
            by=by,
            response=suggestion,
            period=now.key,
            source=FollowUp.Source.SUGGESTION,
            action=suggestion.suggestion[:300],
            owner="Koordinator MPP",
            agency=dpm,
            due_date=today + dt.timedelta(days=14),
        )


def link_into_rb(mpp: Mpp, kota: Organisation, by: Any, today: dt.date) -> None:
    """Feed this year's IKM into the open cycle's public-service input (G.C.S.3 or H.KPP.1)."""
    cycle = (
        Cycle.objects.filter(organisation=kota).exclude(stage__in=("submitted", "closed")).first()
    )
    if cycle is None:
        return
    questions = cycle.framework.framework().questions
    code = next((c for c in ("G.C.S.3", "H.KPP.1") if c in questions), None)
    if code is None:
        code = next((c for c, q in questions.items() if is_suggested(q)), None)
    if code is None or not admits_ikm(questions[code]):
        return
    link_create(
        cycle=cycle, question_code=code, mpp=mpp, period=period_of(today, "year").key, by=by
    )


def build_skm(orgs: dict[str, Organisation], people: dict[str, Any], today: dt.date) -> Mpp:
    rng = random.Random(1709)
    manager = people.get("dpmptsp") or people["timrb"]
    mpp, services = build_catalogue(orgs, manager)
    build_responses(mpp, services, today, rng)
    build_follow_up(mpp, today, manager, rng)
    link_into_rb(mpp, orgs["kota"], people["timrb"], today)
    return mpp

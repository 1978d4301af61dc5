"""Operations: back up and restore an installation (database and evidence files in one archive),
and clean what an interrupted process left behind."""

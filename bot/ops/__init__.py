"""Operations: health, backups, the instance lock, resilient sends, webhook mode."""

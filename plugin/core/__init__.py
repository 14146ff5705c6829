"""The WVP domain itself, pure: dates, sick periods, the calendar, document types, privacy, language. No file or network I/O."""

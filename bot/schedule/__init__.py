"""Scheduling: pure due-time math in the user's zone (``due``), parsing of typed days and
times (``parsing``), and the ticker job that sends what is due."""

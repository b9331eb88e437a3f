"""Casework: the service catalogue, cases from application to delivery, supervision,
ratings and complaints, and the 12345 call-centre lookup."""

"""The table the counters of the abuse limits live in when there is no Redis."""

from django.db import models


class CounterCacheEntry(models.Model):
    """One row of Django's database cache (the "limits" cache without REDIS_URL).

    Declared as a model, with the columns DatabaseCache reads and writes, so that `migrate`
    creates the table: deployments run nothing else, and a cache in each process would let
    every gunicorn worker count on its own.
    """

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "limits_counters"
        verbose_name_plural = "counter cache entries"

    def __str__(self) -> str:
        return self.cache_key

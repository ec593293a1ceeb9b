/* kgx-diagnostic.c - names of diagnostic severities. */
#include "config.h"

#include "kgx-diagnostic.h"

const char *
kgx_severity_to_string (KgxSeverity severity)
{
  switch (severity)
    {
    case KGX_SEVERITY_INFO:
      return "note";
    case KGX_SEVERITY_WARNING:
      return "warning";
    case KGX_SEVERITY_ERROR:
    default:
      return "error";
    }
}

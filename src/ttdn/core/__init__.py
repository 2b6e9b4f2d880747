"""Cross-cutting pieces every module uses: the ApplicationError hierarchy and its one mapping to
HTTP/HTML, the per-user language middleware, navigation, health check and the history page.
"""

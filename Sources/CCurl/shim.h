// Non-variadic wrappers around libcurl's variadic option setters, which Swift cannot call.
#include <curl/curl.h>

static inline CURLcode ftg_curl_set_long(CURL *h, CURLoption o, long v) {
  return curl_easy_setopt(h, o, v);
}
static inline CURLcode ftg_curl_set_string(CURL *h, CURLoption o, const char *v) {
  return curl_easy_setopt(h, o, v);
}
static inline CURLcode ftg_curl_set_pointer(CURL *h, CURLoption o, void *v) {
  return curl_easy_setopt(h, o, v);
}
static inline CURLcode ftg_curl_set_slist(CURL *h, CURLoption o, struct curl_slist *v) {
  return curl_easy_setopt(h, o, v);
}
static inline CURLcode ftg_curl_set_write_function(
    CURL *h, size_t (*f)(char *, size_t, size_t, void *)) {
  return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f);
}
static inline CURLcode ftg_curl_set_header_function(
    CURL *h, size_t (*f)(char *, size_t, size_t, void *)) {
  return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f);
}
static inline CURLcode ftg_curl_get_long(CURL *h, CURLINFO i, long *out) {
  return curl_easy_getinfo(h, i, out);
}

// The multi interface driven by sockets: libcurl says which sockets to watch and when its
// next timeout is due; the event loop waits on them with epoll.
#include <errno.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static inline CURLMcode ftg_curl_multi_set_socket_function(CURLM *m, curl_socket_callback f) {
  return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, f);
}
static inline CURLMcode ftg_curl_multi_set_timer_function(CURLM *m, curl_multi_timer_callback f) {
  return curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, f);
}
static inline CURLMcode ftg_curl_multi_set_long(CURLM *m, CURLMoption o, long v) {
  return curl_multi_setopt(m, o, v);
}
static inline CURLMcode ftg_curl_multi_set_pointer(CURLM *m, CURLMoption o, void *v) {
  return curl_multi_setopt(m, o, v);
}

/// Watches `fd` in the epoll set `epfd` for the given readiness (added or changed as needed);
/// neither readable nor writable removes it. Returns 0 or -1 with errno set.
static inline int ftg_epoll_watch(int epfd, int fd, int readable, int writable) {
  if (!readable && !writable) {
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL) == 0 || errno == ENOENT ? 0 : -1;
  }
  struct epoll_event event = {0};
  event.events = (readable ? EPOLLIN : 0) | (writable ? EPOLLOUT : 0);
  event.data.fd = fd;
  if (epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &event) == 0) return 0;
  if (errno != ENOENT) return -1;
  return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event);
}

/// Waits up to `timeout` ms (-1: no limit) for ready descriptors; writes up to `capacity` of
/// them and libcurl's CURL_CSELECT_* flags for each. Returns the count, or -1 with errno set.
static inline int ftg_epoll_wait(int epfd, int *fds, int *flags, int capacity, int timeout) {
  struct epoll_event events[256];
  if (capacity > 256) capacity = 256;
  int count = epoll_wait(epfd, events, capacity, timeout);
  for (int i = 0; i < count; i++) {
    fds[i] = events[i].data.fd;
    flags[i] = ((events[i].events & EPOLLIN) ? CURL_CSELECT_IN : 0)
      | ((events[i].events & EPOLLOUT) ? CURL_CSELECT_OUT : 0)
      | ((events[i].events & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
  }
  return count;
}

# The grader in a container: Node 20, Python 3, bubblewrap (the sandbox) and udp-grader, with `grade` on
# PATH. Used by templates/kubernetes/grade-class.yaml; see "Sandboxing in a pod" in the README for what the
# sandbox needs from the container's runtime.
#   docker build -t udp-grader .
#   docker run --rm -v "$PWD/class:/data" udp-grader batch all /data/submissions --out /data/results --sandbox none
FROM node:20-bookworm-slim

# python3: runs the students' code; bubblewrap + util-linux (prlimit, setpriv): the sandbox and its limits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 bubblewrap util-linux ca-certificates \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/udp-grader
COPY . .
# npm ci builds (prepare: tsc, the bundles, the schemas' validators); the dev tools are then dropped.
RUN UDP_GRADER_NO_APT=1 npm ci --no-audit --no-fund \
  && npm prune --omit=dev --no-audit --no-fund \
  && npm cache clean --force \
  && ln -s /opt/udp-grader/bin/grade.js /usr/local/bin/grade

WORKDIR /data
ENTRYPOINT ["grade"]
CMD ["--help"]

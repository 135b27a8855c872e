#!/bin/bash
# LocalStack runs this once S3 is ready: the bucket the service stores attachments in.
set -euo pipefail
awslocal s3 mb s3://interaction-files
